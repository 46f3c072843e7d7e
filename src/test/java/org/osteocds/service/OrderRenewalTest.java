package org.osteocds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A renewal continues a course (DraftOrders): a draft glucocorticoid order for a medicine the patient takes now is
 * judged as the current course extended by the plan, on a real server (the one of {@link CdsServiceTest}).
 */
class OrderRenewalTest {
    private static final String ALERT = "MEDICATION-GLUCOCORTICOID-ASSESSMENT";

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        CdsServiceTest.dir = dir;
        CdsServiceTest.start();
    }

    @AfterAll
    static void stop() {
        CdsServiceTest.stop();
    }

    /** Today where the test server takes {@code asOf} (CdsServiceTest's configuration). */
    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/London"));
    }

    /** The stub patient's prefetch, with one active prednisone 10 mg a day ordered {@code daysAgo} days ago. */
    private static Map<String, JsonNode> takingPrednisoneSince(int daysAgo) throws Exception {
        ObjectNode current = (ObjectNode) CdsServiceTest.draft(null, null);
        current.put("id", "current-1").put("status", "active")
                .put("authoredOn", today().minusDays(daysAgo).toString());
        current.putObject("subject").put("reference", "Patient/" + CdsServiceTest.fhir.patientId);
        ObjectNode searchset = CdsServiceTest.JSON.createObjectNode().put("resourceType", "Bundle")
                .put("type", "searchset").put("total", 1);
        searchset.putArray("entry").addObject().set("resource", current);
        Map<String, JsonNode> prefetch = CdsServiceTest.fullPrefetch();
        prefetch.put("medicationRequests", searchset);
        return prefetch;
    }

    private static ObjectNode order(String hook, Map<String, JsonNode> prefetch, JsonNode draft) {
        ObjectNode r = CdsServiceTest.orderRequest(hook, draft);
        ObjectNode p = r.putObject("prefetch");
        prefetch.forEach(p::set);
        return r;
    }

    @Test
    void aOneMonthRenewalAfterTwoMonthsSoFarIsAThreeMonthCourse() throws Exception {
        Map<String, JsonNode> sixtyOneDays = takingPrednisoneSince(60);   // 61 days, both counted
        JsonNode before = CdsServiceTest.call(Hooks.PATIENT_VIEW, CdsServiceTest.patientView(sixtyOneDays, true));
        assertFalse(CdsServiceTest.codes(before).contains(ALERT), "61 days so far are under the 90 of the threshold: "
                + before);

        JsonNode renewal = CdsServiceTest.call(Hooks.ORDER_SIGN, order("order-sign", sixtyOneDays,
                CdsServiceTest.draft("1", "mo")));
        assertTrue(CdsServiceTest.codes(renewal).contains(ALERT), "61 days so far and 30 planned: " + renewal);
        JsonNode ext = renewal.path("extension").path("org.osteo-cds");
        assertEquals(1, ext.path("draftOrdersContinuingACourse").size(), ext.toString());

        JsonNode select = CdsServiceTest.call(Hooks.ORDER_SELECT, order("order-select", sixtyOneDays,
                CdsServiceTest.draft("1", "mo")));
        assertTrue(CdsServiceTest.codes(select).contains(ALERT), "order-select judges a renewal alike: " + select);
    }

    @Test
    void aRenewalWhoseCourseStaysUnderThreeMonthsGetsNoAlert() throws Exception {
        Map<String, JsonNode> thirtyDays = takingPrednisoneSince(29);   // 30 days so far + 30 planned: 60
        JsonNode renewal = CdsServiceTest.call(Hooks.ORDER_SIGN, order("order-sign", thirtyDays,
                CdsServiceTest.draft("1", "mo")));
        assertFalse(CdsServiceTest.codes(renewal).contains(ALERT), renewal.toString());
        assertEquals(1, renewal.path("extension").path("org.osteo-cds").path("draftOrdersContinuingACourse").size());
        JsonNode fiftyNine = CdsServiceTest.call(Hooks.ORDER_SIGN, order("order-sign", takingPrednisoneSince(58),
                CdsServiceTest.draft("1", "mo")));   // 59 + 30 = 89 days: one under
        assertFalse(CdsServiceTest.codes(fiftyNine).contains(ALERT), fiftyNine.toString());
        JsonNode sixty = CdsServiceTest.call(Hooks.ORDER_SIGN, order("order-sign", takingPrednisoneSince(59),
                CdsServiceTest.draft("1", "mo")));   // 60 + 30 = 90 days: at the threshold
        assertTrue(CdsServiceTest.codes(sixty).contains(ALERT), sixty.toString());
    }

    @Test
    void anOrderForAnotherMedicineContinuesNothing() throws Exception {
        ObjectNode other = (ObjectNode) CdsServiceTest.draft("1", "mo");
        ObjectNode cc = (ObjectNode) other.path("medicationCodeableConcept");
        cc.put("text", "Dexamethasone 4 MG Oral Tablet");
        ((ObjectNode) cc.path("coding").get(0)).put("code", "197579").put("display", "Dexamethasone 4 MG Oral Tablet");
        JsonNode r = CdsServiceTest.call(Hooks.ORDER_SIGN, order("order-sign", takingPrednisoneSince(60), other));
        assertTrue(r.path("extension").path("org.osteo-cds").path("draftOrdersContinuingACourse").isMissingNode(),
                r.toString());
        assertFalse(CdsServiceTest.codes(r).contains(ALERT), "a one-month course of another medicine: " + r);
    }

    @Test
    void aStoppedCourseIsNotRenewed() throws Exception {
        Map<String, JsonNode> prefetch = takingPrednisoneSince(60);
        ObjectNode current = (ObjectNode) prefetch.get("medicationRequests").path("entry").get(0).path("resource");
        current.put("status", "stopped");
        JsonNode r = CdsServiceTest.call(Hooks.ORDER_SIGN, order("order-sign", prefetch,
                CdsServiceTest.draft("1", "mo")));
        assertFalse(CdsServiceTest.codes(r).contains(ALERT), r.toString());
    }
}
