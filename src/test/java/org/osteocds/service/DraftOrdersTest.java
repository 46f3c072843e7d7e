package org.osteocds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How long a draft order is planned for, from each place FHIR lets an order say it. */
class DraftOrdersTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static int days(String order) throws Exception {
        DraftOrders.Plan p = DraftOrders.plan(JSON.readTree(order));
        return p == null ? -1 : p.length().getDays();
    }

    static String repeat(String bounds) {
        return "{\"dosageInstruction\":[{\"timing\":{\"repeat\":{" + bounds + "}}}]}";
    }

    @Test
    void eachWayOfSayingTheDurationCountsAsTheEngineCountsMonths() throws Exception {
        assertEquals(90, days(repeat("\"boundsDuration\":{\"value\":3,\"code\":\"mo\"}")));
        assertEquals(75, days(repeat("\"boundsDuration\":{\"value\":2.5,\"code\":\"mo\"}")));
        assertEquals(14, days(repeat("\"boundsDuration\":{\"value\":2,\"code\":\"wk\"}")));
        assertEquals(2, days(repeat("\"boundsDuration\":{\"value\":36,\"code\":\"h\"}")));
        assertEquals(365, days(repeat("\"boundsDuration\":{\"value\":1,\"unit\":\"year\"}")));
        assertEquals(31, days(repeat("\"boundsPeriod\":{\"start\":\"2026-01-01\",\"end\":\"2026-01-31\"}")));
        assertEquals(-1, days(repeat("\"boundsDuration\":{\"value\":3,\"code\":\"fortnights\"}")));
        assertEquals(84, days("{\"dosageInstruction\":[{}],\"dispenseRequest\":{\"expectedSupplyDuration\":"
                + "{\"value\":28,\"code\":\"d\"},\"numberOfRepeatsAllowed\":2}}"));
        assertEquals(-1, days("{\"dosageInstruction\":[{\"text\":\"as directed\"}]}"));
    }

    @Test
    void anOpenEndedOrderIsLongTermAndATaperIsTheSumOfItsSteps() throws Exception {
        DraftOrders.Plan open = DraftOrders.plan(JSON.readTree(repeat("\"boundsPeriod\":{\"start\":\"2026-12-01\"}")));
        assertTrue(open.openEnded());
        assertEquals(90, open.length().getDays());
        String taper = "{\"dosageInstruction\":["
                + "{\"timing\":{\"repeat\":{\"boundsDuration\":{\"value\":6,\"code\":\"wk\"}}}},"
                + "{\"timing\":{\"repeat\":{\"boundsDuration\":{\"value\":6,\"code\":\"wk\"}}}},"
                + "{\"timing\":{\"repeat\":{\"boundsDuration\":{\"value\":4,\"code\":\"wk\"}}}}]}";
        assertEquals(112, days(taper));
    }

    @Test
    void aCourseIsWrittenAsExactlyThatCourseEndingOnTheAssessmentDate() throws Exception {
        JsonNode bundle = JSON.readTree("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":"
                + "\"MedicationRequest\",\"id\":\"a\",\"status\":\"draft\",\"medicationCodeableConcept\":{\"text\":"
                + "\"prednisone\"},\"dosageInstruction\":[{\"timing\":{\"repeat\":{\"boundsDuration\":{\"value\":14,"
                + "\"code\":\"d\"}}}}]}},{\"resource\":{\"resourceType\":\"MedicationRequest\",\"id\":\"b\","
                + "\"status\":\"draft\",\"medicationReference\":{\"reference\":\"#med\"}}},{\"resource\":"
                + "{\"resourceType\":\"ServiceRequest\",\"id\":\"c\"}}]}");
        DraftOrders.Judged j = DraftOrders.asTaken(bundle, null, "p1", LocalDate.of(2026, 6, 1));
        assertEquals(1, j.orders().size());
        assertEquals(List.of("MedicationRequest/b"), j.notJudged());
        JsonNode order = j.orders().get(0);
        assertEquals("active", order.path("status").asText());
        assertEquals("Patient/p1", order.path("subject").path("reference").asText());
        JsonNode bounds = order.path("dosageInstruction").path(0).path("timing").path("repeat").path("boundsPeriod");
        assertEquals("2026-05-19", bounds.path("start").asText());
        assertEquals("2026-06-01", bounds.path("end").asText());
        assertNull(order.get("authoredOn"));
    }
}
