package org.osteocds.facts;

import java.util.List;

/**
 * Inferred: a field the rules needed and did not have, and the advice codes it kept them from judging.
 *
 * @param patient   whose
 * @param field     the field's contract name
 * @param blocks    the advice codes it blocks
 * @param blocksAll whether it blocks every code of the catalogue (an unknown age)
 */
public record Gap(Patient patient, String field, List<String> blocks, boolean blocksAll) {
    /**
     * @param patient whose
     * @param field   the field
     * @param codes   the codes it blocks
     */
    public Gap(Patient patient, String field, String... codes) {
        this(patient, field, List.of(codes), false);
    }

    /**
     * @param patient whose
     * @param field   the field
     * @return a gap that blocks every code
     */
    public static Gap blockingAll(Patient patient, String field) {
        return new Gap(patient, field, List.of(), true);
    }
}
