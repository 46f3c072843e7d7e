package org.osteocds.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A feedback call's body (CDS Hooks 2.0: {@code feedback} items with {@code card}, {@code outcome},
 * {@code outcomeTimestamp}, {@code overrideReason}, {@code acceptedSuggestions}) checked and turned into rows. The
 * clinician's free-text {@code userComment} is not kept: it may name the patient.
 */
final class Feedback {
    private Feedback() {
    }

    /**
     * @param body      the request body
     * @param serviceId the service the feedback is about
     * @param caller    who sent it
     * @return one row per item
     * @throws Hooks.BadRequest naming the first item and field that is wrong
     */
    static List<Store.FeedbackRow> rows(JsonNode body, String serviceId, String caller) throws Hooks.BadRequest {
        JsonNode items = body.path("feedback");
        if (!items.isArray() || items.isEmpty()) {
            throw new Hooks.BadRequest("feedback must be a non-empty array");
        }
        List<Store.FeedbackRow> rows = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode f = items.get(i);
            String at = "feedback[" + i + "]";
            String card = Prefetch.text(f, "card");
            String outcome = Prefetch.text(f, "outcome");
            if (card == null || card.length() > 100) {
                throw new Hooks.BadRequest(at + ".card: a card uuid is required");
            }
            if (!"accepted".equals(outcome) && !"overridden".equals(outcome)) {
                throw new Hooks.BadRequest(at + ".outcome: 'accepted' or 'overridden', not '" + outcome + "'");
            }
            String when = Prefetch.text(f, "outcomeTimestamp");
            if (when == null || when.length() > 40) {
                throw new Hooks.BadRequest(at + ".outcomeTimestamp: required (an instant)");
            }
            JsonNode reason = f.path("overrideReason").path("reason");
            String system = Prefetch.text(reason, "system");
            String code = Prefetch.text(reason, "code");
            if (system != null && system.length() > 200 || code != null && code.length() > 64) {
                throw new Hooks.BadRequest(at + ".overrideReason: a coding of at most 64 characters");
            }
            rows.add(new Store.FeedbackRow(serviceId, card, outcome, when, system, code,
                    f.path("acceptedSuggestions").size(), caller));
        }
        return rows;
    }
}
