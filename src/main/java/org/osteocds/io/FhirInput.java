package org.osteocds.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.osteocds.OsteoCds;
import org.osteocds.internal.engine.Engines;
import org.osteocds.internal.fhir.FhirReader;
import org.osteocds.internal.fhir.HapiResources;
import org.osteocds.internal.knowledge.Terminology;
import org.osteocds.model.FhirMapping;
import org.osteocds.model.FhirSourceReport;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.RecordError;
import org.osteocds.model.RecordSource;

/**
 * FHIR R4 input: Bundles (any type, one patient or many), single resources, CDS Hooks requests (their prefetch),
 * NDJSON files and Bulk Data export folders, or HAPI FHIR objects held in memory, mapped to patient records through
 * the terminology tables of an engine's rules. Each Patient resource gives exactly one {@link ParsedRecord}.
 * Mapping depends on the assessment date: only data dated on or before it counts, and for each field the latest
 * value as of that date wins (docs/fhir.md lists every policy).
 *
 * <p>Files are read as JSON, streaming: a Bundle or an export is indexed by patient and read back one patient at a
 * time, so memory is bounded by the largest patient, not the file. A value that breaks its FHIR datatype makes only
 * its own patient invalid. Reading files and text needs nothing beyond this library; the {@code readHapi} methods,
 * which take HAPI objects, need HAPI FHIR ({@code ca.uhn.hapi.fhir:hapi-fhir-structures-r4}), an optional
 * dependency, and say so clearly when it is missing. (They have their own name so that code calling {@code read}
 * compiles without HAPI on the classpath.)
 *
 * <pre>{@code
 * try (Stream<ParsedRecord> records = FhirInput.read(cds, Path.of("bundles"), asOf, null)) {
 *     cds.assessAll(records, asOf, 2).forEach(a -> ...);
 * }
 * }</pre>
 */
public final class FhirInput {
    private FhirInput() {
    }

    /**
     * Tells FHIR input from native records by content: a JSON file whose first object has {@code resourceType} (or
     * is a CDS Hooks request), an NDJSON file whose first line does, or a folder holding such files.
     *
     * @param path a file or folder
     * @return whether it is FHIR input
     */
    public static boolean isFhir(Path path) {
        return FhirReader.isFhir(path);
    }

    /**
     * Reads FHIR input lazily. A folder is read whole, subfolders too: its {@code .ndjson} files as one Bulk Data
     * export, each {@code .json} file as a Bundle, resource or CDS Hooks request. Close the stream when done.
     *
     * @param cds      the engine whose terminology tables map the codes
     * @param path     a file or folder
     * @param asOf     the assessment date
     * @param mappings receives how each patient was mapped (may be {@code null})
     * @return one parsed record per Patient resource
     * @throws IllegalArgumentException when the path does not exist
     */
    public static Stream<ParsedRecord> read(OsteoCds cds, Path path, LocalDate asOf, Consumer<FhirMapping> mappings) {
        return read(cds, path, asOf, mappings, null);
    }

    /**
     * As {@link #read(OsteoCds, Path, LocalDate, Consumer)}, and reports, per source, what it held besides patients:
     * resources that point to no Patient, and lines or files that could not be read.
     *
     * @param cds      the engine whose terminology tables map the codes
     * @param path     a file or folder
     * @param asOf     the assessment date
     * @param mappings receives how each patient was mapped (may be {@code null})
     * @param reports  receives one report per source once it is read (may be {@code null})
     * @return one parsed record per Patient resource
     */
    public static Stream<ParsedRecord> read(OsteoCds cds, Path path, LocalDate asOf, Consumer<FhirMapping> mappings,
                                            Consumer<FhirSourceReport> reports) {
        Objects.requireNonNull(asOf, "asOf");
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no such file or folder: " + path);
        }
        return FhirReader.read(terminology(cds), path, asOf, mappings, reports);
    }

    /**
     * Reads one FHIR JSON document (Bundle, resource or CDS Hooks request) given as text.
     *
     * @param cds      the engine whose terminology tables map the codes
     * @param json     the document
     * @param name     its name, for messages
     * @param asOf     the assessment date
     * @param mappings receives how each patient was mapped (may be {@code null})
     * @return one parsed record per Patient resource; one invalid record when the text is not JSON (or an object
     *         in it gives a key twice)
     */
    public static Stream<ParsedRecord> read(OsteoCds cds, String json, String name, LocalDate asOf,
                                            Consumer<FhirMapping> mappings) {
        Objects.requireNonNull(asOf, "asOf");
        try {
            return FhirReader.read(terminology(cds), FhirReader.parse(json), name, asOf, mappings, null);
        } catch (JsonProcessingException e) {
            return Stream.of(new ParsedRecord.Invalid(name, new RecordSource(name, null, null, null, null),
                    List.of(new RecordError("fhir", null,
                    "not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage()))));
        }
    }

    /**
     * Reads one FHIR document already parsed by Jackson (Bundle, resource or CDS Hooks request), as
     * {@link #read(OsteoCds, String, String, LocalDate, Consumer)} reads its text: for callers that hold the tree.
     *
     * @param cds      the engine whose terminology tables map the codes
     * @param json     the document
     * @param name     its name, for messages
     * @param asOf     the assessment date
     * @param mappings receives how each patient was mapped (may be {@code null})
     * @return one parsed record per Patient resource
     */
    public static Stream<ParsedRecord> read(OsteoCds cds, com.fasterxml.jackson.databind.JsonNode json, String name,
                                            LocalDate asOf, Consumer<FhirMapping> mappings) {
        Objects.requireNonNull(asOf, "asOf");
        return FhirReader.read(terminology(cds), json, name, asOf, mappings, null);
    }

    /**
     * Reads a HAPI FHIR resource held in memory: a Bundle (of one patient or many) or a single resource.
     *
     * @param cds      the engine whose terminology tables map the codes
     * @param resource the resource
     * @param asOf     the assessment date
     * @param mappings receives how each patient was mapped (may be {@code null})
     * @return one parsed record per Patient resource
     * @throws IllegalStateException when HAPI FHIR R4 is not on the classpath
     */
    public static Stream<ParsedRecord> readHapi(OsteoCds cds, IBaseResource resource, LocalDate asOf,
                                                Consumer<FhirMapping> mappings) {
        requireHapi();
        Objects.requireNonNull(asOf, "asOf");
        return FhirReader.read(terminology(cds), HapiResources.json(resource), resource.fhirType(), asOf, mappings,
                null);
    }

    /**
     * Reads HAPI FHIR resources held in memory, of one patient or several (references tell them apart), as one
     * collection.
     *
     * @param cds       the engine whose terminology tables map the codes
     * @param resources the resources (Bundles among them are read entry by entry)
     * @param asOf      the assessment date
     * @param mappings  receives how each patient was mapped (may be {@code null})
     * @return one parsed record per Patient resource
     * @throws IllegalStateException when HAPI FHIR R4 is not on the classpath
     */
    public static Stream<ParsedRecord> readHapi(OsteoCds cds, Collection<? extends IBaseResource> resources,
                                                LocalDate asOf, Consumer<FhirMapping> mappings) {
        requireHapi();
        Objects.requireNonNull(asOf, "asOf");
        return FhirReader.read(terminology(cds), HapiResources.bundle(resources), "resources", asOf, mappings, null);
    }

    /**
     * The Observation codes the FHIR mapping reads (measurements, flags, DXA results), for a FHIR search or a CDS
     * Hooks prefetch template: only these Observations need to be fetched.
     *
     * @param cds the engine whose terminology tables map the codes
     * @return {@code system|code} of each, sorted
     */
    public static List<String> observationCodes(OsteoCds cds) {
        Terminology t = terminology(cds);
        java.util.TreeSet<String> codes = new java.util.TreeSet<>();
        for (String kind : new String[] {"observation", "flag", "dxa"}) {
            codes.addAll(t.fhirCodes(kind));
        }
        return List.copyOf(codes);
    }

    private static Terminology terminology(OsteoCds cds) {
        return Engines.of(cds).rules().terminology();
    }

    private static void requireHapi() {
        try {
            Class.forName(HapiResources.PROBE, false, FhirInput.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("reading HAPI FHIR objects needs HAPI FHIR R4 on the classpath: add "
                    + "ca.uhn.hapi.fhir:hapi-fhir-structures-r4 (8.12.1) to your build. Files and JSON text need "
                    + "nothing more: use read(cds, path, ...) or read(cds, json, ...)", e);
        }
    }
}
