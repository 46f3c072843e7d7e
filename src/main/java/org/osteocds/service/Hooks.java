package org.osteocds.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.osteocds.OsteoCds;
import org.osteocds.io.CardsWriter;
import org.osteocds.io.FhirInput;
import org.osteocds.model.Assessment;
import org.osteocds.model.DataGap;
import org.osteocds.model.ParsedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three CDS services and what they answer, apart from HTTP: discovery, and a hook call turned into cards.
 * {@code patient-view} gets a card per advice of the patient's assessment; {@code order-select} and
 * {@code order-sign} get the cards that the draft medicine orders make due (those of the assessment with the orders
 * taken as planned, less those the patient has without them). The assessment date is today in the configured zone.
 */
final class Hooks {
    static final String PATIENT_VIEW = "osteo-cds-patient-view";
    static final String ORDER_SELECT = "osteo-cds-order-select";
    static final String ORDER_SIGN = "osteo-cds-order-sign";
    /** Service id to hook. */
    static final Map<String, String> SERVICES = Map.of(PATIENT_VIEW, "patient-view", ORDER_SELECT, "order-select",
            ORDER_SIGN, "order-sign");

    private static final Logger LOG = LoggerFactory.getLogger(Hooks.class);

    /** A request the service cannot read: answered 400 with this message. */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    /**
     * A call answered.
     *
     * @param response   the CDS Hooks response
     * @param assessment the assessment behind it
     * @param cards      the cards given: uuid and advice code
     */
    record Answer(ObjectNode response, Assessment assessment, List<Store.CardRow> cards) {
    }

    private final Supplier<OsteoCds> cds;
    private final Prefetch prefetch;
    private final Clock clock;
    private final ObjectMapper json;
    private final Batching batching;

    /**
     * @param cds      the current rules (they may be reloaded between calls)
     * @param prefetch fetches what a request lacks
     * @param zone     the zone whose date is {@code asOf}
     * @param json     the JSON mapper
     */
    Hooks(Supplier<OsteoCds> cds, Prefetch prefetch, ZoneId zone, ObjectMapper json, Batching batching) {
        this(cds, prefetch, Clock.system(zone), json, batching);
    }

    Hooks(Supplier<OsteoCds> cds, Prefetch prefetch, Clock clock, ObjectMapper json, Batching batching) {
        this.cds = cds;
        this.prefetch = prefetch;
        this.clock = clock;
        this.json = json;
        this.batching = batching;
    }

    /** @return the assessment date now */
    LocalDate today() {
        return LocalDate.now(clock);
    }

    /** @return the prefetch templates of the current rules */
    Map<String, String> templates() {
        OsteoCds current = cds.get();
        Templates t = templates;
        if (t == null || t.cds() != current) {   // once per ruleset, not per call
            t = new Templates(current, Prefetch.templates(FhirInput.observationCodes(current)));
            templates = t;
        }
        return t.byKey();
    }

    /** The prefetch templates of one loaded ruleset. */
    private record Templates(OsteoCds cds, Map<String, String> byKey) {
    }

    private volatile Templates templates;

    /** @return the discovery response ({@code GET /cds-services}) */
    ObjectNode discovery() {
        ObjectNode root = json.createObjectNode();
        ArrayNode services = root.putArray("services");
        Map<String, String> templates = templates();
        String[][] described = {
            {PATIENT_VIEW, "Bone health: osteoporosis prevention and screening",
                "Exercise, nutrition, lifestyle, medicine review, bone-density testing and referral advice for the "
                    + "patient in context, each explained and graded by evidence."},
            {ORDER_SELECT, "Bone health: medicines that thin bone (order selected)",
                "When a systemic glucocorticoid, an aromatase inhibitor or androgen deprivation is selected, the "
                    + "bone-health cards the order makes due, judged as if taken for its planned duration."},
            {ORDER_SIGN, "Bone health: medicines that thin bone (order signed)",
                "At signing, the bone-health cards that the draft medicine orders make due."}};
        for (String[] d : described) {
            ObjectNode s = services.addObject();
            s.put("hook", SERVICES.get(d[0]));
            s.put("title", d[1]);
            s.put("description", d[2]);
            s.put("id", d[0]);
            ObjectNode p = s.putObject("prefetch");
            templates.forEach(p::put);
            s.putObject("extension").putObject(CardsWriter.EXTENSION).put("ruleset", cds.get().ruleset().id() + " "
                    + cds.get().ruleset().version());
        }
        return root;
    }

    /**
     * The data of a call, ready to assess: read before an assessment slot is taken, since it may wait on the EHR.
     *
     * @param serviceId the service called
     * @param hook      its hook
     * @param request   the request body
     * @param patientId the patient in context
     * @param resources the patient's resources, the Patient first
     * @param asOf      the assessment date
     */
    record Prepared(String serviceId, String hook, JsonNode request, String patientId, List<JsonNode> resources,
                    LocalDate asOf) {
    }

    /** A FHIR id (the patient in context goes into FHIR searches). */
    private static final java.util.regex.Pattern FHIR_ID = java.util.regex.Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    /**
     * Checks a request and gathers its data.
     *
     * @param serviceId the service called
     * @param request   the request body
     * @param servers   the FHIR servers the caller may name ({@code null}: any)
     * @return the request with its data
     * @throws BadRequest           when the request is not a CDS Hooks request for this service
     * @throws Prefetch.Unavailable when its data cannot be had (412)
     */
    Prepared prepare(String serviceId, JsonNode request, List<String> servers) throws BadRequest, Prefetch.Unavailable {
        String hook = SERVICES.get(serviceId);
        if (!request.isObject()) {
            throw new BadRequest("the body is not a JSON object");
        }
        if (!hook.equals(Prefetch.text(request, "hook"))) {
            throw new BadRequest("service " + serviceId + " answers hook '" + hook + "', not '"
                    + Prefetch.text(request, "hook") + "'");
        }
        if (Prefetch.text(request, "hookInstance") == null) {
            throw new BadRequest("hookInstance is required");
        }
        JsonNode context = request.path("context");
        String patientId = Prefetch.text(context, "patientId");
        if (patientId == null || !FHIR_ID.matcher(patientId).matches()) {
            throw new BadRequest("context.patientId is required (a FHIR id)");
        }
        if (!hook.equals("patient-view")) {
            JsonNode drafts = context.path("draftOrders");
            if (!drafts.isObject() || !"Bundle".equals(Prefetch.text(drafts, "resourceType"))) {
                throw new BadRequest("context.draftOrders must be a Bundle for " + hook);
            }
            if (hook.equals("order-select") && !context.path("selections").isArray()) {
                throw new BadRequest("context.selections must be an array for order-select");
            }
        }
        LocalDate asOf = today();
        return new Prepared(serviceId, hook, request, patientId, prefetch.resolve(request, templates(), patientId,
                servers), asOf);
    }

    /**
     * @param p a prepared call
     * @return the answer
     * @throws Prefetch.Unavailable when the data map to no record of the patient in context
     */
    Answer answer(Prepared p) throws Prefetch.Unavailable {
        OsteoCds current = cds.get();
        ParsedRecord baseRecord = record(current, p.resources(), p.patientId(), p.asOf());
        Assessment base = assess(current, baseRecord, p.patientId(), p.asOf());
        CardsWriter cards = new CardsWriter(java.io.Writer.nullWriter(), current);
        if (p.hook().equals("patient-view")) {
            ObjectNode response = cards.response(base);
            return new Answer(response, base, given(response, base));
        }
        JsonNode context = p.request().path("context");
        Set<String> selections = null;
        if (p.hook().equals("order-select")) {
            selections = new HashSet<>();
            for (JsonNode s : context.path("selections")) {
                selections.add(s.asText());
            }
        }
        DraftOrders.Judged drafts = DraftOrders.asTaken(context.path("draftOrders"), selections, p.patientId(),
                p.asOf());
        List<JsonNode> withOrders = new ArrayList<>(p.resources());
        withOrders.addAll(drafts.orders());
        DraftOrders.Continued continued = drafts.orders().isEmpty() ? null : DraftOrders.continuing(baseRecord,
                record(current, withOrders, p.patientId(), p.asOf()), p.asOf());
        Assessment with = continued == null ? base : assess(current, continued.record(), p.patientId(), p.asOf());
        Set<String> before = new HashSet<>();
        base.advice().forEach(a -> before.add(a.code() + "|" + a.indicator().code()));
        ObjectNode response = cards.response(with);
        ArrayNode kept = json.createArrayNode();
        for (JsonNode c : response.get("cards")) {
            if (!before.contains(c.path("source").path("topic").path("code").asText() + "|"
                    + c.path("indicator").asText())) {
                kept.add(c);
            }
        }
        response.set("cards", kept);
        ObjectNode ext = (ObjectNode) response.path("extension").path(CardsWriter.EXTENSION);
        ext.put("draftMedicineOrders", drafts.orders().size());
        if (continued != null && !continued.medicines().isEmpty()) {
            ArrayNode cont = ext.putArray("draftOrdersContinuingACourse");
            continued.medicines().forEach(cont::add);
        }
        if (!drafts.notJudged().isEmpty()) {
            ArrayNode nj = ext.putArray("draftOrdersNotJudged");
            drafts.notJudged().forEach(nj::add);
        }
        Set<String> gapsBefore = new HashSet<>();
        base.dataGaps().forEach(g -> gapsBefore.add(g.field() + "|" + g.detail()));
        ArrayNode gaps = ext.putArray("dataGapsFromOrders");
        for (DataGap g : with.dataGaps()) {
            if (!gapsBefore.contains(g.field() + "|" + g.detail())) {
                gaps.addObject().put("field", g.field()).put("detail", g.detail());
            }
        }
        return new Answer(response, with, given(response, with));
    }

    private static List<Store.CardRow> given(ObjectNode response, Assessment a) {
        List<Store.CardRow> out = new ArrayList<>();
        for (JsonNode c : response.path("cards")) {
            out.add(new Store.CardRow(c.path("uuid").asText(), c.path("source").path("topic").path("code").asText(),
                    a.ruleset().id(), a.ruleset().version(), a.ruleset().sha256()));
        }
        return out;
    }

    /** @return the record of the patient in context that the resources map to */
    private ParsedRecord record(OsteoCds current, List<JsonNode> resources, String patientId, LocalDate asOf)
            throws Prefetch.Unavailable {
        ObjectNode bundle = json.createObjectNode().put("resourceType", "Bundle").put("type", "collection");
        ArrayNode entries = bundle.putArray("entry");
        for (JsonNode r : resources) {
            entries.addObject().set("resource", r);
        }
        ParsedRecord chosen = null;
        try (Stream<ParsedRecord> records = FhirInput.read(current, bundle, "request", asOf, null)) {
            for (ParsedRecord p : (Iterable<ParsedRecord>) records::iterator) {
                String id = p instanceof ParsedRecord.Valid v ? v.record().id() : ((ParsedRecord.Invalid) p).patientId();
                if (patientId.equals(id)) {
                    chosen = p;
                }
            }
        }
        if (chosen == null) {
            throw new Prefetch.Unavailable("the data map to no record of the patient in context");
        }
        return chosen;
    }

    private Assessment assess(OsteoCds current, ParsedRecord chosen, String patientId, LocalDate asOf) {
        Assessment a;
        try {
            a = batching.assess(current, chosen, asOf);   // with the records of concurrent calls, one session
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to be assessed", e);
        }
        if (a.advice().isEmpty() && a.reason() != null) {
            LOG.info("patient {}: no cards, {} ({})", patientId, a.status().code(), a.reason());
        } else if (!a.errors().isEmpty()) {
            LOG.info("patient {}: no cards, {}: {}", patientId, a.status().code(), a.errors());
        }
        return a;
    }

    /** @return the advice codes of an answer's cards */
    static List<String> codes(List<Store.CardRow> cards) {
        return cards.stream().map(Store.CardRow::adviceCode).toList();
    }
}
