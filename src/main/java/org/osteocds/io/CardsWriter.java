package org.osteocds.io;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.osteocds.model.Advice;
import org.osteocds.model.Assessment;
import org.osteocds.model.Evidence;
import org.osteocds.internal.parse.JsonSupport;

/**
 * The advice as CDS Hooks cards, the shape EHRs already render: a JSON array with one object per patient,
 * {@code {"patientId": ..., "cards": [{uuid, summary, detail, indicator, source: {label, url}}]}}; the
 * {@code cards} member of each is a valid CDS Hooks response body. Card ids are name-based UUIDs of patient, date
 * and code, so the same assessment always gives the same cards.
 */
public final class CardsWriter implements AssessmentWriter {
    private static final ObjectWriter PRETTY = JsonSupport.MAPPER.writerWithDefaultPrettyPrinter();
    private final Writer out;
    private boolean first = true;

    /** @param out where to write (not closed by this sink) */
    public CardsWriter(Writer out) {
        this.out = out;
    }

    /**
     * @param a an assessment
     * @return its CDS Hooks response body ({@code {"cards": [...]}}) with the patient id beside it
     */
    public static ObjectNode cards(Assessment a) {
        ObjectNode root = JsonSupport.MAPPER.createObjectNode();
        root.put("patientId", a.patientId());
        ArrayNode cards = root.putArray("cards");
        for (Advice ad : a.advice()) {
            ObjectNode c = cards.addObject();
            c.put("uuid", UUID.nameUUIDFromBytes((a.patientId() + "|" + a.asOf() + "|" + ad.code())
                    .getBytes(StandardCharsets.UTF_8)).toString());
            c.put("summary", ad.summary());
            StringBuilder detail = new StringBuilder();
            detail.append("**Why:** ").append(ad.rationale()).append("\n\n").append(ad.detail()).append("\n\n**Evidence:**\n");
            for (Evidence e : ad.evidence()) {
                detail.append("- ").append(e.citation()).append(" (certainty: ").append(e.certainty()).append(")\n");
            }
            detail.append("\n`").append(ad.code()).append("`, rule \"").append(ad.rule()).append('"');
            c.put("detail", detail.toString());
            c.put("indicator", ad.indicator().code());
            ObjectNode source = c.putObject("source");
            source.put("label", "osteo-cds " + a.ruleset().id() + " " + a.ruleset().version());
            source.put("url", ad.evidence().get(0).url());
        }
        return root;
    }

    @Override
    public void accept(Assessment a) throws IOException {
        out.write(first ? "[\n" : ",\n");
        out.write(PRETTY.writeValueAsString(cards(a)));
        first = false;
    }

    @Override
    public void close() throws IOException {
        out.write(first ? "[ ]\n" : "\n]\n");
        out.flush();
    }
}
