package org.osteocds.internal.knowledge;

import java.util.Collection;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Claims a source does not back firmly are worded as uncertain. A citation in {@code content/evidence.yaml} lists
 * its {@code unverifiedClaims}: the words by which advice texts state or name such a claim (for example
 * {@code "O'Bryan 2022"}). Every sentence (or clause joined by a semicolon, "while" or "but") of an advice that
 * cites the source and contains one of them must hedge.
 */
final class Hedging {
    /** Words that mark a sentence as uncertain. */
    static final Pattern HEDGE = Pattern.compile("\\b(may|might|probably|possibly|perhaps|reported|reportedly|appeared|"
            + "appears|suggests?|likely|uncertain|unconfirmed|not confirmed|not checked|not verified|one small)\\b");

    /** Sentences, and the clauses of a sentence a semicolon or a contrasting "while" or "but" joins. */
    static final Pattern CLAUSES = Pattern.compile("(?<=[.;!?])\\s+|,\\s+(?=while\\b|but\\b)");

    private Hedging() {
    }

    /**
     * @param evidenceId the citation
     * @param claims     how the texts state or name its unverified claims
     * @param entries    the advice catalogue
     * @param problems   receives (code, message) for each sentence that states such a claim without hedging
     */
    static void check(String evidenceId, Collection<String> claims, Collection<Catalogue.Entry> entries,
                      BiConsumer<String, String> problems) {
        for (Catalogue.Entry e : entries) {
            if (!e.evidenceIds().contains(evidenceId)) {
                continue;
            }
            for (String text : new String[] {e.summary(), e.clinicianSummary(), e.detail()}) {
                for (String sentence : CLAUSES.split(text)) {
                    for (String claim : claims) {
                        if (sentence.contains(claim) && !HEDGE.matcher(sentence.toLowerCase(Locale.ROOT)).find()) {
                            problems.accept(e.code(), "states an unverified claim of " + evidenceId + " (\"" + claim
                                    + "\") as certain; word it as uncertain (may, probably, reported, not "
                                    + "confirmed...): " + sentence);
                        }
                    }
                }
            }
        }
    }
}
