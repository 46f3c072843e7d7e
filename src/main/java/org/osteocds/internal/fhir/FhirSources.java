package org.osteocds.internal.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.FamilyMemberHistory;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.osteocds.internal.parse.JsonSupport;

/**
 * Reads FHIR R4 JSON into groups of resources per patient and maps each group: Bundles of any type (one patient or
 * many; references as {@code Patient/id}, full URLs or {@code urn:uuid:}), a single resource, a CDS Hooks request
 * (its prefetch), and NDJSON files such as a Bulk Data export. NDJSON is read in two passes: the first indexes the
 * byte offset of every resource line by patient, the second reads one patient's lines at a time, so memory holds
 * one patient's resources and a few numbers per line, never the export.
 */
public final class FhirSources {
    private FhirSources() {
    }

    /** One FhirContext for the process (creating one takes about 100 ms; it is thread-safe). */
    private static final class Holder {
        static final FhirContext CONTEXT = FhirContext.forR4();
    }

    private static IParser parser() {
        return Holder.CONTEXT.newJsonParser();
    }

    /**
     * @param head the first characters of a JSON text
     * @return whether it looks like FHIR (a resource, or a CDS Hooks request)
     */
    public static boolean looksLikeFhir(String head) {
        return head.contains("\"resourceType\"") || (head.contains("\"hook\"") && head.contains("\"hookInstance\""));
    }

    /**
     * Maps every patient of one JSON document: a Bundle, a single resource, or a CDS Hooks request.
     *
     * @param json   the document
     * @param name   its name, for messages
     * @param mapper the mapper
     * @return one result per patient
     */
    public static List<FhirMapper.Result> document(String json, String name, FhirMapper mapper) {
        List<Resource> resources = new ArrayList<>();
        Map<String, String> fullUrlToKey = new HashMap<>();
        try {
            JsonNode tree = JsonSupport.MAPPER.readTree(json);
            if (tree.has("hook") && tree.has("hookInstance")) {
                // a CDS Hooks request: the prefetched resources, for the patient in context
                for (JsonNode v : tree.path("prefetch")) {
                    if (v.isObject() && v.has("resourceType")) {
                        collect(parser().parseResource(v.toString()), resources, fullUrlToKey);
                    }
                }
                String contextPatient = tree.path("context").path("patientId").asText(null);
                boolean hasPatient = resources.stream().anyMatch(r -> r instanceof Patient);
                if (!hasPatient && contextPatient != null) {
                    Patient p = new Patient();
                    p.setId(contextPatient);   // known only by id: no age, so the assessment says it is out of scope
                    resources.add(0, p);
                }
                if (!hasPatient && contextPatient == null) {
                    return List.of(new FhirMapper.Result(new org.osteocds.model.ParsedRecord.Invalid(name, name,
                            List.of(new org.osteocds.model.RecordError("context.patientId", null,
                                    "the CDS Hooks request names no patient and prefetches none"))),
                            new org.osteocds.model.FhirMapping(name, Map.of(), Map.of())));
                }
            } else {
                collect(parser().parseResource(json), resources, fullUrlToKey);
            }
        } catch (IOException | DataFormatException e) {
            return List.of(new FhirMapper.Result(new org.osteocds.model.ParsedRecord.Invalid(name, name,
                    List.of(new org.osteocds.model.RecordError("fhir", null, "not valid FHIR R4 JSON: " + e.getMessage()))),
                    new org.osteocds.model.FhirMapping(name, Map.of(), Map.of())));
        }
        return group(resources, fullUrlToKey, name, mapper);
    }

    private static void collect(IBaseResource r, List<Resource> out, Map<String, String> fullUrlToKey) {
        if (r instanceof Bundle b) {
            for (Bundle.BundleEntryComponent e : b.getEntry()) {
                if (e.getResource() == null) {
                    continue;
                }
                Resource res = e.getResource();
                if (res instanceof Patient p && e.hasFullUrl()) {
                    fullUrlToKey.put(e.getFullUrl(), "Patient/" + idOf(p));
                }
                if (res instanceof Bundle inner) {
                    collect(inner, out, fullUrlToKey);
                } else {
                    out.add(res);
                }
            }
        } else if (r instanceof Resource res) {
            out.add(res);
        }
    }

    private static List<FhirMapper.Result> group(List<Resource> resources, Map<String, String> fullUrlToKey,
                                                 String name, FhirMapper mapper) {
        Map<String, Patient> patients = new LinkedHashMap<>();
        Map<String, List<Resource>> byPatient = new HashMap<>();
        for (Resource r : resources) {
            if (r instanceof Patient p) {
                patients.putIfAbsent("Patient/" + idOf(p), p);
            }
        }
        List<Resource> orphans = new ArrayList<>();
        for (Resource r : resources) {
            if (r instanceof Patient) {
                continue;
            }
            String key = patientKey(r, fullUrlToKey);
            if (key == null && patients.size() == 1) {
                key = patients.keySet().iterator().next();   // one patient: unreferenced resources are theirs
            }
            if (key != null && patients.containsKey(key)) {
                byPatient.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            } else if (isClinical(r)) {
                orphans.add(r);
            }
        }
        List<FhirMapper.Result> out = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, Patient> e : patients.entrySet()) {
            n++;
            out.add(mapper.map(e.getValue(), byPatient.getOrDefault(e.getKey(), List.of()),
                    patients.size() == 1 ? name : name + " #" + n));
        }
        if (patients.isEmpty() && !orphans.isEmpty()) {
            out.add(FhirMapper.missingPatient(name));
        }
        return out;
    }

    private static boolean isClinical(Resource r) {
        return r instanceof Observation || r instanceof Condition || r instanceof Procedure
                || r instanceof MedicationRequest || r instanceof MedicationStatement || r instanceof FamilyMemberHistory;
    }

    /** @return a resource's logical id, without the {@code urn:uuid:} a transaction Bundle's full URL gives it */
    public static String idOf(Resource r) {
        String id = r.getIdElement().getIdPart();
        if (id != null && id.startsWith("urn:uuid:")) {
            return id.substring("urn:uuid:".length());
        }
        return id;
    }

    static Reference subject(Resource r) {
        if (r instanceof Observation o) {
            return o.getSubject();
        } else if (r instanceof Condition c) {
            return c.getSubject();
        } else if (r instanceof Procedure p) {
            return p.getSubject();
        } else if (r instanceof MedicationRequest m) {
            return m.getSubject();
        } else if (r instanceof MedicationStatement m) {
            return m.getSubject();
        } else if (r instanceof FamilyMemberHistory f) {
            return f.getPatient();
        } else if (r instanceof Encounter e) {
            return e.getSubject();
        }
        return null;
    }

    private static String patientKey(Resource r, Map<String, String> fullUrlToKey) {
        Reference ref = subject(r);
        return ref == null || !ref.hasReference() ? null : normalise(ref.getReference(), fullUrlToKey);
    }

    static String normalise(String reference, Map<String, String> fullUrlToKey) {
        if (reference == null) {
            return null;
        }
        String mapped = fullUrlToKey.get(reference);
        if (mapped != null) {
            return mapped;
        }
        int i = reference.lastIndexOf("Patient/");
        if (i >= 0) {
            String rest = reference.substring(i + "Patient/".length());
            int slash = rest.indexOf('/');
            return "Patient/" + (slash < 0 ? rest : rest.substring(0, slash));
        }
        if (reference.startsWith("urn:uuid:")) {
            return "Patient/" + reference.substring("urn:uuid:".length());
        }
        return null;
    }

    /**
     * Maps the patients of NDJSON files (a Bulk Data export folder's {@code *.ndjson}, or one file), in the order of
     * the Patient lines, reading each patient's resources by their indexed offsets.
     *
     * @param files  the files
     * @param mapper the mapper
     * @return a lazy iterator of results; close it through {@link Bulk#close()}
     * @throws IOException when indexing fails
     */
    public static Bulk bulk(List<Path> files, FhirMapper mapper) throws IOException {
        return new Bulk(files, mapper);
    }

    /** A two-pass reader over NDJSON files. */
    public static final class Bulk implements Iterator<FhirMapper.Result>, AutoCloseable {
        private final List<Path> files;
        private final FhirMapper mapper;
        private final RandomAccessFile[] open;
        /** Patient lines in order: {file, offset, length} triples. */
        private final LongList patients = new LongList();
        /** Other resource lines by patient key: {file, offset, length} triples. */
        private final Map<String, LongList> byPatient = new HashMap<>();
        private final Map<String, Integer> unreadable = new LinkedHashMap<>();
        private int next;

        private Bulk(List<Path> files, FhirMapper mapper) throws IOException {
            this.files = List.copyOf(files);
            this.mapper = mapper;
            this.open = new RandomAccessFile[files.size()];
            for (int f = 0; f < files.size(); f++) {
                index(f);
            }
        }

        private void index(int f) throws IOException {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(files.get(f)), 1 << 16)) {
                ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
                long offset = 0;
                long lineStart = 0;
                int b;
                while (true) {
                    b = in.read();
                    if (b == '\n' || b < 0) {
                        if (line.size() > 0) {
                            indexLine(f, lineStart, line);
                        }
                        line.reset();
                        if (b < 0) {
                            break;
                        }
                        offset++;
                        lineStart = offset;
                        continue;
                    }
                    line.write(b);
                    offset++;
                }
            }
        }

        private void indexLine(int f, long start, ByteArrayOutputStream bytes) {
            String text = bytes.toString(StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                return;
            }
            try {
                JsonNode n = JsonSupport.MAPPER.readTree(text);
                String type = n.path("resourceType").asText();
                if (type.equals("Patient")) {
                    patients.add(f, start, bytes.size());
                    return;
                }
                JsonNode ref = n.has("subject") ? n.get("subject").get("reference")
                        : n.has("patient") ? n.get("patient").get("reference") : null;
                String key = ref == null ? null : normalise(ref.asText(), Map.of());
                if (key != null) {
                    byPatient.computeIfAbsent(key, k -> new LongList()).add(f, start, bytes.size());
                }
            } catch (IOException e) {
                unreadable.merge(files.get(f).getFileName().toString(), 1, Integer::sum);
            }
        }

        private String read(long file, long offset, long length) throws IOException {
            int f = (int) file;
            if (open[f] == null) {
                open[f] = new RandomAccessFile(files.get(f).toFile(), "r");
            }
            byte[] buf = new byte[(int) length];
            open[f].seek(offset);
            open[f].readFully(buf);
            return new String(buf, StandardCharsets.UTF_8);
        }

        @Override
        public boolean hasNext() {
            return next < patients.size() / 3;
        }

        @Override
        public FhirMapper.Result next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int i = next++;
            long file = patients.get(3 * i);
            String source = files.get((int) file).getFileName() + " patient " + (i + 1);
            try {
                IParser p = parser();
                Patient patient = p.parseResource(Patient.class, read(file, patients.get(3 * i + 1), patients.get(3 * i + 2)));
                List<Resource> resources = new ArrayList<>();
                LongList lines = byPatient.remove("Patient/" + idOf(patient));
                if (lines != null) {
                    for (int k = 0; k < lines.size(); k += 3) {
                        try {
                            IBaseResource r = p.parseResource(read(lines.get(k), lines.get(k + 1), lines.get(k + 2)));
                            if (r instanceof Resource res) {
                                resources.add(res);
                            }
                        } catch (DataFormatException e) {
                            unreadable.merge(files.get((int) lines.get(k)).getFileName().toString(), 1, Integer::sum);
                        }
                    }
                }
                return mapper.map(patient, resources, source);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (DataFormatException e) {
                return new FhirMapper.Result(new org.osteocds.model.ParsedRecord.Invalid(source, source,
                        List.of(new org.osteocds.model.RecordError("Patient", null, "not valid FHIR: " + e.getMessage()))),
                        new org.osteocds.model.FhirMapping(source, Map.of(), Map.of()));
            }
        }

        /** @return lines that could not be parsed, by file */
        public Map<String, Integer> unreadable() {
            return unreadable;
        }

        @Override
        public void close() {
            for (RandomAccessFile f : open) {
                if (f != null) {
                    try {
                        f.close();
                    } catch (IOException e) {
                        // nothing useful to do
                    }
                }
            }
        }
    }

    /** A growable array of longs (three per indexed line), lighter than a list of boxed values. */
    private static final class LongList {
        private long[] data = new long[6];
        private int size;

        void add(long a, long b, long c) {
            if (size + 3 > data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = a;
            data[size++] = b;
            data[size++] = c;
        }

        long get(int i) {
            return data[i];
        }

        int size() {
            return size;
        }
    }
}
