package org.osteocds.bench;

import java.util.List;

/** One way of evaluating the subset: FHIR JSON text of each patient in, one {@link Subset} per patient out. */
public interface SubsetEvaluator {
    /** @return a short name for tables */
    String name();

    /**
     * Evaluates a slice of patients on the calling thread. Everything from the JSON text on is inside: parsing,
     * mapping, evaluating, building the result.
     *
     * @param bundles one FHIR Bundle (JSON text) per patient
     * @return one result per patient, in order
     */
    List<Subset> evaluate(List<String> bundles);
}
