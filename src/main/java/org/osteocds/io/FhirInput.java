package org.osteocds.io;

import org.osteocds.internal.engine.Engines;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.osteocds.internal.fhir.FhirReader;
import org.osteocds.OsteoCds;
import org.osteocds.model.FhirMapping;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;

/**
 * FHIR R4 input: Bundles (any type, one patient or many), single resources, CDS Hooks requests (their prefetch),
 * NDJSON files and Bulk Data export folders, mapped to {@link PatientRecord}s through the terminology tables of the
 * engine's rules. Mapping depends on the assessment date: only data dated on or before it counts, and for each field
 * the latest value as of that date wins (docs/fhir.md lists every policy).
 *
 * <p>This class needs HAPI FHIR ({@code ca.uhn.hapi.fhir:hapi-fhir-structures-r4}), an <em>optional</em> dependency
 * of this library: add it to your build to use FHIR input; embedders who pass native records do not carry it.
 * The command line bundles it.
 */
public final class FhirInput {
    private FhirInput() {
    }

    /**
     * Tells FHIR input from native records by content: a JSON file whose first object has {@code resourceType} (or
     * is a CDS Hooks request), an NDJSON file whose first line does, or a folder holding such NDJSON files.
     *
     * @param path a file or folder
     * @return whether it is FHIR input
     */
    public static boolean isFhir(Path path) {
        return FhirReader.isFhir(path);
    }

    /**
     * Reads FHIR input lazily. A folder is read as a Bulk Data export (its {@code *.ndjson} files); an NDJSON file the
     * same way; a JSON file as one Bundle, resource or CDS Hooks request.
     *
     * @param cds      the engine whose terminology tables map the codes
     * @param path     a file or folder
     * @param asOf     the assessment date
     * @param mappings receives how each patient was mapped (may be {@code null})
     * @return one parsed record per patient
     */
    public static Stream<ParsedRecord> read(OsteoCds cds, Path path, LocalDate asOf, Consumer<FhirMapping> mappings) {
        Objects.requireNonNull(asOf, "asOf");
        return FhirReader.read(Engines.of(cds).rules().terminology(), path, asOf, mappings);
    }

    /**
     * Reads one FHIR JSON document (Bundle, resource or CDS Hooks request) given as text.
     *
     * @param cds      the engine whose terminology tables map the codes
     * @param json     the document
     * @param name     its name, for messages
     * @param asOf     the assessment date
     * @param mappings receives how each patient was mapped (may be {@code null})
     * @return one parsed record per patient
     */
    public static Stream<ParsedRecord> read(OsteoCds cds, String json, String name, LocalDate asOf,
                                            Consumer<FhirMapping> mappings) {
        Objects.requireNonNull(asOf, "asOf");
        return FhirReader.read(Engines.of(cds).rules().terminology(), json, name, asOf, mappings);
    }
}
