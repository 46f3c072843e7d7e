package org.osteocds.internal.fhir;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osteocds.model.FhirMapping;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.RecordError;
import org.osteocds.model.RecordSource;

/**
 * Indexes FHIR R4 JSON by patient: Bundles of any type (one patient or many; references as {@code Patient/id}, full
 * URLs or {@code urn:uuid:}), a single resource, a CDS Hooks request (its prefetch), and NDJSON files such as a Bulk
 * Data export. A Bundle file is read in two passes, like NDJSON: the first streams through it and keeps each
 * entry's place and patient, the second reads one patient's entries at a time.
 */
final class FhirSources {
    private FhirSources() {
    }

    /**
     * @param head the first characters of a JSON text
     * @return whether it looks like FHIR (a resource, or a CDS Hooks request)
     */
    static boolean looksLikeFhir(String head) {
        return head.contains("\"resourceType\"") || (head.contains("\"hook\"") && head.contains("\"hookInstance\""));
    }

    /** What one raw resource needs until every Patient's fullUrl is known. */
    private record Raw(String type, String id, String reference, PatientGroups.Where where) {
    }

    /**
     * Indexes one JSON document held in memory: a Bundle, a single resource, or a CDS Hooks request.
     *
     * @param tree   the document
     * @param name   its name, for messages
     * @param mapper the mapper
     * @return the patients
     */
    static PatientGroups document(JsonNode tree, String name, FhirMapper mapper) {
        PatientGroups groups = new PatientGroups(List.of(), mapper, name, false);
        Map<String, String> fullUrlToKey = new HashMap<>();
        List<Raw> raws = new ArrayList<>();
        if (tree.has("hook") && tree.has("hookInstance")) {
            // a CDS Hooks request: the prefetched resources, for the patient in context
            for (JsonNode v : tree.path("prefetch")) {
                if (v.isObject() && v.has("resourceType")) {
                    collect(v, null, fullUrlToKey, raws);
                }
            }
            String contextPatient = FhirJson.text(tree.path("context"), "patientId");
            if (raws.stream().noneMatch(r -> "Patient".equals(r.type())) && contextPatient != null) {
                // known only by id: no age, so the assessment says it is out of scope
                ObjectNode p = FhirJson.MAPPER.createObjectNode().put("resourceType", "Patient").put("id", contextPatient);
                raws.add(0, new Raw("Patient", contextPatient, null,
                        new PatientGroups.InMemory(FhirResource.of(p, null))));
            } else if (contextPatient == null) {
                groups.noPatientBecause(new RecordError("context.patientId", null,
                        "the CDS Hooks request names no patient and prefetches none"));
            }
        } else {
            collect(tree, null, fullUrlToKey, raws);
        }
        index(groups, raws, fullUrlToKey);
        groups.indexed(true);
        return groups;
    }

    private static void collect(JsonNode json, String fullUrl, Map<String, String> fullUrlToKey, List<Raw> out) {
        FhirResource r = FhirResource.of(json, fullUrl);
        if (!"Bundle".equals(r.type())) {
            out.add(new Raw(r.type(), r.id(), r.patientReference(), new PatientGroups.InMemory(r)));
            return;
        }
        for (JsonNode e : json.path("entry")) {
            JsonNode res = e.get("resource");
            if (res == null || !res.isObject()) {
                continue;
            }
            String fu = FhirJson.text(e, "fullUrl");
            FhirResource inner = FhirResource.of(res, fu);
            if ("Patient".equals(inner.type()) && fu != null) {
                fullUrlToKey.put(fu, "Patient/" + inner.id());
            }
            collect(res, fu, fullUrlToKey, out);
        }
    }

    private static void index(PatientGroups groups, List<Raw> raws, Map<String, String> fullUrlToKey) {
        for (Raw r : raws) {
            String key = "Patient".equals(r.type()) ? "Patient/" + r.id()
                    : FhirResource.patientKey(r.reference(), fullUrlToKey);
            groups.add(new PatientGroups.Entry(r.type(), r.id(), key, r.where()));
        }
    }

    /**
     * Indexes one JSON file: a Bundle is streamed entry by entry; anything else is read whole.
     *
     * @param file   the file
     * @param mapper the mapper
     * @return the patients
     * @throws IOException when the file cannot be read or is not valid JSON
     */
    static PatientGroups file(Path file, FhirMapper mapper) throws IOException {
        String name = file.getFileName().toString();
        PatientGroups groups = new PatientGroups(List.of(file), mapper, name, false);
        Map<String, String> fullUrlToKey = new HashMap<>();
        List<Raw> raws = new ArrayList<>();
        String rootType = null;
        boolean request = false;
        try (JsonParser p = FhirJson.MAPPER.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonProcessingException("a FHIR JSON file holds one object", p.currentLocation()) { };
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("resourceType")) {
                    rootType = p.getText();
                } else if (field.equals("hook")) {
                    request = true;
                    p.skipChildren();
                } else if (field.equals("entry") && value == JsonToken.START_ARRAY) {
                    int number = 0;
                    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
                        number++;
                        if (t != JsonToken.START_OBJECT) {
                            p.skipChildren();   // not an entry: it holds no resource
                            continue;
                        }
                        long start = p.currentTokenLocation().getByteOffset();
                        int line = p.currentTokenLocation().getLineNr();
                        JsonNode entry = p.readValueAsTree();
                        long end = p.currentLocation().getByteOffset();
                        entry(entry, new PatientGroups.InFile(0, start, (int) (end - start), true, number, line),
                                fullUrlToKey, raws);
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            if (request || rootType != null && !"Bundle".equals(rootType)) {
                throw e;
            }
            return rescue(file, mapper, e);
        }
        if (!"Bundle".equals(rootType) || request) {
            try (InputStream in = Files.newInputStream(file)) {   // one resource or request: a key twice costs it
                return document(ResourceText.STRICT.readTree(in), name, mapper);
            }
        }
        index(groups, raws, fullUrlToKey);
        groups.indexed(true);
        return groups;
    }

    /**
     * Indexes a Bundle file that Jackson could not stream through, entry by entry ({@link BundleScan}): an entry that
     * cannot be read is an unreadable part and, when its raw text names its patient, makes that patient's record
     * invalid (a Bundle of one patient: that patient's); the other entries are read as usual.
     */
    private static PatientGroups rescue(Path file, FhirMapper mapper, JsonProcessingException failure)
            throws IOException {
        String name = file.getFileName().toString();
        PatientGroups groups = new PatientGroups(List.of(file), mapper, name, false);
        Map<String, String> fullUrlToKey = new HashMap<>();
        List<Raw> raws = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        BundleScan.Root root = BundleScan.scan(file, part -> {
            String why = part.problem();
            JsonNode entry = null;
            if (why == null) {
                try {
                    entry = FhirJson.MAPPER.readTree(part.bytes());
                    why = entry.has("resourceType") ? "a resource outside a Bundle entry" : null;
                } catch (JsonProcessingException e) {
                    why = ResourceText.why(e);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (why == null) {
                entry(entry, new PatientGroups.InFile(0, part.offset(), (int) part.length(), true, part.number(),
                        part.line()), fullUrlToKey, raws);
                return;
            }
            String where = part.where(name);
            bad.add(where + ": " + why);
            ResourceText.Names names = part.names() != null ? part.names()
                    : ResourceText.names(new String(part.bytes(), StandardCharsets.UTF_8));
            attribute(names, new PatientGroups.Unreadable(where, why), raws);
        });
        if (!"Bundle".equals(root.type()) || root.request() || !root.entries()) {
            throw failure;
        }
        bad.forEach(groups::unreadable);
        if (bad.isEmpty()) {
            groups.unreadable(name + " line " + failure.getLocation().getLineNr() + ": not valid JSON outside its "
                    + "entries: " + ResourceText.plain(String.valueOf(failure.getOriginalMessage())));
        }
        index(groups, raws, fullUrlToKey);
        groups.indexed(true);
        return groups;
    }

    /** Indexes a part that cannot be read under each patient its raw text names (none: under no patient). */
    private static void attribute(ResourceText.Names names, PatientGroups.Unreadable where, List<Raw> raws) {
        if (names.patientId() != null) {
            raws.add(new Raw("Patient", names.patientId(), null, where));
        }
        for (String reference : names.references()) {
            raws.add(new Raw(null, null, reference, where));
        }
        if (names.isEmpty()) {
            raws.add(new Raw(null, null, null, where));
        }
    }

    private static void entry(JsonNode entry, PatientGroups.InFile where, Map<String, String> fullUrlToKey,
                              List<Raw> raws) {
        JsonNode res = entry.get("resource");
        if (res == null || !res.isObject()) {
            return;
        }
        String fu = FhirJson.text(entry, "fullUrl");
        FhirResource r = FhirResource.of(res, fu);
        if ("Patient".equals(r.type()) && fu != null) {
            fullUrlToKey.put(fu, "Patient/" + r.id());
        }
        if ("Bundle".equals(r.type())) {
            collect(res, fu, fullUrlToKey, raws);   // a Bundle inside a Bundle: rare and held in memory
        } else {
            raws.add(new Raw(r.type(), r.id(), r.patientReference(), where));
        }
    }

    /**
     * Indexes NDJSON files (a Bulk Data export folder's {@code *.ndjson}, or one file), one resource per line.
     *
     * @param files  the files
     * @param mapper the mapper
     * @param name   the input's name
     * @return the patients, in the order of the Patient lines
     * @throws IOException when a file cannot be read
     */
    static PatientGroups bulk(List<Path> files, FhirMapper mapper, String name) throws IOException {
        PatientGroups groups = new PatientGroups(files, mapper, name, true);
        for (int f = 0; f < files.size(); f++) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(files.get(f)), 1 << 16)) {
                ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
                long offset = 0;
                long lineStart = 0;
                int lineNo = 1;
                int b;
                while (true) {
                    b = in.read();
                    if (b == '\n' || b < 0) {
                        if (line.size() > 0) {
                            line(groups, files.get(f), f, lineNo, lineStart, line);
                        }
                        line.reset();
                        if (b < 0) {
                            break;
                        }
                        offset++;
                        lineNo++;
                        lineStart = offset;
                        continue;
                    }
                    line.write(b);
                    offset++;
                }
            }
        }
        groups.indexed(false);
        return groups;
    }

    private static void line(PatientGroups groups, Path file, int f, int lineNo, long start,
                             ByteArrayOutputStream bytes) {
        String text = bytes.toString(StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return;
        }
        try {
            JsonNode n = FhirJson.MAPPER.readTree(text);
            FhirResource r = FhirResource.of(n, null);
            String key = "Patient".equals(r.type()) ? "Patient/" + r.id()
                    : FhirResource.patientKey(r.patientReference(), Map.of());
            groups.add(new PatientGroups.Entry(r.type(), r.id(), key,
                    new PatientGroups.InFile(f, start, bytes.size(), false, 0, lineNo)));
        } catch (JsonProcessingException e) {
            String where = file.getFileName() + " line " + lineNo;
            String why = ResourceText.why(e);
            groups.unreadable(where + ": " + why);
            List<Raw> raws = new ArrayList<>();
            attribute(ResourceText.names(text), new PatientGroups.Unreadable(where, why, f), raws);
            for (Raw raw : raws) {
                String key = raw.type() != null ? "Patient/" + raw.id() : FhirResource.patientKey(raw.reference(),
                        Map.of());
                if (key != null) {
                    groups.add(new PatientGroups.Entry(raw.type(), raw.id(), key, raw.where()));
                }
            }
        }
    }

    /**
     * A result for an input that could not be read as FHIR at all.
     *
     * @param name    the input
     * @param message why
     * @return an invalid result
     */
    static FhirMapper.Result unreadable(String name, String message) {
        return invalid(name, new RecordError("fhir", null, message));
    }

    /**
     * @param name  the input
     * @param error why it gives no patient
     * @return an invalid result for the whole input
     */
    static FhirMapper.Result invalid(String name, RecordError error) {
        return new FhirMapper.Result(new ParsedRecord.Invalid(name, new RecordSource(name, null, null, null, null),
                List.of(error)),
                new FhirMapping(name, Map.of(), Map.of()));
    }
}
