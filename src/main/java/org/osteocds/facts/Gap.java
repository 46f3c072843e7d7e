package org.osteocds.facts;

import java.util.List;

/**
 * Given by a data-gap rule to {@link Output} ({@code output.add( Gap.noted( ... ) )}): a field the rules needed and
 * did not have (or could not read), and the advice codes it kept them from judging. Output, not a fact.
 *
 * @param patient   whose
 * @param field     the field's contract name
 * @param blocks    the advice codes it blocks
 * @param blocksAll whether it blocks every code of the catalogue (an unknown age)
 * @param detail    what exactly is missing or not recognised, or {@code null}
 */
public record Gap(Patient patient, String field, List<String> blocks, boolean blocksAll, String detail) implements OfPatient {
    /**
     * @param patient whose
     * @param field   the field
     * @param codes   the codes it blocks
     */
    public Gap(Patient patient, String field, String... codes) {
        this(patient, field, List.of(codes), false, null);
    }

    /**
     * @param patient whose
     * @param field   the field
     * @return a gap that blocks every code
     */
    public static Gap blockingAll(Patient patient, String field) {
        return new Gap(patient, field, List.of(), true, null);
    }

    /**
     * @param patient whose
     * @param field   the field
     * @param detail  why it matters for this patient
     * @param codes   the codes it blocks
     * @return a gap that says why it blocks them
     */
    public static Gap explained(Patient patient, String field, String detail, String... codes) {
        return new Gap(patient, field, List.of(codes), false, detail);
    }

    /**
     * @param patient whose
     * @param field   the field
     * @param detail  what exactly, for example "not recognised: prednisne"
     * @return a gap that blocks no code but says what the record holds that could not be used
     */
    public static Gap noted(Patient patient, String field, String detail) {
        return new Gap(patient, field, List.of(), false, detail);
    }
}
