package org.osteocds.facts;

/**
 * A bone treatment (class {@code bone-treatment}) with what the bone-treatment table says of its product: how long one
 * dose covers after it is given, and what kind of treatment it is.
 *
 * @param patient               whose
 * @param use                   the medicine
 * @param product               the product, for rationales (e.g. "denosumab 60 mg every 6 months")
 * @param coverageMonths        calendar months one dose covers after it is given (0: only while taken)
 * @param bisphosphonate        whether it is a bisphosphonate
 * @param osteoporosisDenosumab whether it is denosumab 60 mg, whose late dose is an alert
 */
public record BoneTreatment(Patient patient, MedicationUse use, String product, int coverageMonths,
                            boolean bisphosphonate, boolean osteoporosisDenosumab) implements OfPatient {

    /** @return whether it is taken now, or its last dose still covers the assessment date */
    public boolean isCovering() {
        return use.current() || (use.monthsSinceLastDose() != null && use.monthsSinceLastDose() <= coverageMonths);
    }

    /** @return the calendar months begun since its last dose, or {@code null} while it is taken */
    public Integer monthsSinceLastDose() {
        return use.monthsSinceLastDose();
    }
}
