package org.osteocds.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.osteocds.OsteoCds;
import org.osteocds.internal.engine.Engines;
import org.osteocds.internal.knowledge.Catalogue;
import org.osteocds.internal.parse.JsonSupport;
import org.osteocds.model.Advice;
import org.osteocds.model.Assessment;
import org.osteocds.model.Evidence;
import org.osteocds.model.RecordError;

/**
 * Assessments as CDS Hooks 2.0 responses, one per patient, one compact JSON object per line (NDJSON when there are
 * several): {@code {"cards": [...], "extension": {...}}}, exactly what the CDS Hooks service answers. One card per
 * advice: its {@code summary} is the advice's clinician summary; {@code source.topic} carries the advice code in the
 * code system {@value #ADVICE_SYSTEM}; {@code detail} holds the rationale and the evidence with its certainty;
 * {@code uuid} is the same for the same patient, date, advice and ruleset; {@code overrideReasons} are the
 * {@link #OVERRIDE_REASONS}; {@code suggestions} (a FHIR ServiceRequest to accept) and {@code links} (the evidence)
 * come from the catalogue. An invalid or out-of-scope record gets no card, and the reason in the extension.
 */
public final class CardsWriter implements AssessmentWriter {
    /** The code system of the advice codes. */
    public static final String ADVICE_SYSTEM = "urn:osteo-cds:advice";
    /** The code system of the override reasons. */
    public static final String OVERRIDE_SYSTEM = "urn:osteo-cds:override-reason";
    /** The extension key of the response that says whom and what it is about. */
    public static final String EXTENSION = "org.osteo-cds";

    /**
     * A reason a clinician may give for not following a card.
     *
     * @param code    the code in {@value #OVERRIDE_SYSTEM}
     * @param display what the clinician reads
     */
    public record OverrideReason(String code, String display) {
    }

    /** The override reasons every card offers. */
    public static final List<OverrideReason> OVERRIDE_REASONS = List.of(
            new OverrideReason("not-relevant", "Not relevant to this patient"),
            new OverrideReason("already-done", "Already done or ordered"),
            new OverrideReason("patient-declined", "Patient declined"),
            new OverrideReason("clinical-judgement", "Clinical judgement"));

    private final Writer out;
    private final Catalogue catalogue;

    /**
     * @param out where the responses go (flushed, not closed, by {@link #close()})
     * @param cds the engine whose catalogue gives each code's suggestions
     */
    public CardsWriter(Writer out, OsteoCds cds) {
        this.out = out;
        this.catalogue = Engines.of(cds).rules().catalogue();
    }

    @Override
    public void accept(Assessment a) throws IOException {
        out.write(JsonSupport.MAPPER.writeValueAsString(response(a)));
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }

    /**
     * @param a an assessment
     * @return its CDS Hooks 2.0 response
     */
    public ObjectNode response(Assessment a) {
        ObjectNode root = JsonSupport.MAPPER.createObjectNode();
        ArrayNode cards = root.putArray("cards");
        for (Advice ad : a.advice()) {
            cards.add(card(a, ad));
        }
        ObjectNode ext = root.putObject("extension").putObject(EXTENSION);
        ext.put("patientId", a.patientId());
        ext.put("status", a.status().code());
        ext.put("asOf", a.asOf().toString());
        if (a.reason() != null) {
            ext.put("reason", a.reason());
        }
        if (!a.errors().isEmpty()) {
            ArrayNode errors = ext.putArray("errors");
            for (RecordError e : a.errors()) {
                errors.add(e.toString());
            }
        }
        ObjectNode rs = ext.putObject("ruleset");
        rs.put("id", a.ruleset().id());
        rs.put("version", a.ruleset().version());
        rs.put("sha256", a.ruleset().sha256());
        return root;
    }

    private ObjectNode card(Assessment a, Advice ad) {
        Catalogue.Entry entry = catalogue.entry(ad.code());
        ObjectNode c = JsonSupport.MAPPER.createObjectNode();
        c.put("uuid", uuid(a, ad.code()));
        c.put("summary", ad.clinicianSummary());
        c.put("indicator", ad.indicator().code());
        c.put("detail", detail(ad));
        ObjectNode source = c.putObject("source");
        source.put("label", "osteo-cds " + a.ruleset().id() + " " + a.ruleset().version());
        source.put("url", ad.evidence().get(0).url());
        ObjectNode topic = source.putObject("topic");
        topic.put("system", ADVICE_SYSTEM);
        topic.put("code", ad.code());
        if (entry != null) {
            topic.put("display", entry.label());
        }
        if (entry != null && !entry.suggestions().isEmpty()) {
            ArrayNode suggestions = c.putArray("suggestions");
            for (Catalogue.Suggestion s : entry.suggestions()) {
                suggestions.add(suggestion(a, ad, s));
            }
            c.put("selectionBehavior", "at-most-one");
        }
        ArrayNode reasons = c.putArray("overrideReasons");
        for (OverrideReason r : OVERRIDE_REASONS) {
            reasons.addObject().put("system", OVERRIDE_SYSTEM).put("code", r.code()).put("display", r.display());
        }
        ArrayNode links = c.putArray("links");
        for (Evidence e : ad.evidence()) {
            links.addObject().put("label", shortCitation(e.citation())).put("url", e.url()).put("type", "absolute");
        }
        return c;
    }

    private static ObjectNode suggestion(Assessment a, Advice ad, Catalogue.Suggestion s) {
        ObjectNode sug = JsonSupport.MAPPER.createObjectNode();
        sug.put("label", s.label());
        sug.put("uuid", uuid(a, ad.code() + "|" + s.request().code()));
        sug.put("isRecommended", true);
        ObjectNode action = sug.putArray("actions").addObject();
        action.put("type", "create");
        action.put("description", s.label());
        ObjectNode req = action.putObject("resource");
        req.put("resourceType", "ServiceRequest");
        req.put("status", "draft");
        req.put("intent", "proposal");
        ObjectNode code = req.putObject("code");
        code.putArray("coding").addObject().put("system", s.request().system()).put("code", s.request().code())
                .put("display", s.request().display());
        code.put("text", s.request().text() != null ? s.request().text() : s.request().display());
        req.putObject("subject").put("reference", "Patient/" + a.patientId());
        ObjectNode reason = req.putArray("reasonCode").addObject();
        reason.putArray("coding").addObject().put("system", ADVICE_SYSTEM).put("code", ad.code());
        reason.put("text", ad.rationale());
        return sug;
    }

    /** The card's detail, in the Markdown CDS Hooks cards use. */
    private static String detail(Advice ad) {
        StringBuilder d = new StringBuilder();
        d.append("**Why:** ").append(ad.rationale()).append("\n\n").append(ad.detail()).append("\n\n**Evidence:**\n");
        for (Evidence e : ad.evidence()) {
            d.append("- ").append(e.citation()).append(" (certainty: ").append(e.certainty()).append(")\n");
        }
        d.append("\n`").append(ad.code()).append("`, rule \"").append(ad.rule()).append('"');
        return d.toString();
    }

    private static String shortCitation(String citation) {
        int cut = citation.indexOf(". ");
        String s = cut > 0 && cut < 80 ? citation.substring(0, cut) : citation;
        return RecordError.abbreviate(s);
    }

    /** The same for the same patient, date, code and ruleset, so an EHR can tell a card it has seen before. */
    private static String uuid(Assessment a, String what) {
        return UUID.nameUUIDFromBytes((a.patientId() + "|" + a.asOf() + "|" + what + "|" + a.ruleset().sha256())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * @param a an assessment
     * @return its response as compact JSON
     */
    public String json(Assessment a) {
        try {
            return JsonSupport.MAPPER.writeValueAsString(response(a));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
