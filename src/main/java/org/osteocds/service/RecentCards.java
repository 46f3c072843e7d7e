package org.osteocds.service;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cards given lately, by uuid, so that feedback arriving before the audit writer has stored them still finds
 * its advice code and ruleset. Bounded: the oldest go first.
 */
final class RecentCards {
    private final Map<String, Store.CardRow> cards;

    RecentCards(int capacity) {
        this.cards = new LinkedHashMap<>(1024, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Store.CardRow> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void put(Store.CardRow card) {
        cards.put(card.uuid(), card);
    }

    synchronized Store.CardRow get(String uuid) {
        return cards.get(uuid);
    }
}
