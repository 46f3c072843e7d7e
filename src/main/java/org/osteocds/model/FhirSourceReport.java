package org.osteocds.model;

import java.util.List;
import java.util.Map;

/**
 * What one FHIR source (a file, a Bulk Data export folder, a document in memory) held besides its patients, so that
 * nothing in it goes unseen: clinical resources that point to no Patient of the source, and parts that could not
 * be read at all.
 *
 * @param source     the source's name
 * @param patients   the records it gave (one per Patient resource)
 * @param unattached clinical resources (Observation, Condition, ...) that point to no Patient, by type
 * @param unreadable parts that could not be read, each as {@code file line N: why}
 */
public record FhirSourceReport(String source, int patients, Map<String, Integer> unattached,
                               List<String> unreadable) {
    /** Copies the collections. */
    public FhirSourceReport {
        unattached = Map.copyOf(unattached);
        unreadable = List.copyOf(unreadable);
    }

    /** @return the number of resources that point to no Patient */
    public int unattachedCount() {
        return unattached.values().stream().mapToInt(Integer::intValue).sum();
    }
}
