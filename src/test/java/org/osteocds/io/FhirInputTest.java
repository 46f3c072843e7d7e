package org.osteocds.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osteocds.OsteoCds;
import org.osteocds.TestRules;
import org.osteocds.model.FhirSourceReport;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;

/** The embedder's FHIR entry point: folders as the command line reads them, HAPI objects, and missing HAPI. */
class FhirInputTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 29);
    static final OsteoCds CDS = OsteoCds.bundled();
    static final Path SYNTHEA = TestRules.samples().resolve("synthea");
    static final String ALEXIA = "Alexia_Senger_a5f5a550-b13e-4f92-b194-6d118f67fcdb.json";
    static final String LONNIE = "Lonnie_Von_28fbf0c8-5a9c-4781-b79f-f6118c3e2816.json";

    static List<ParsedRecord> read(Path p) {
        try (Stream<ParsedRecord> s = FhirInput.read(CDS, p, AS_OF, null)) {
            return s.toList();
        }
    }

    static List<String> ids(List<ParsedRecord> records) {
        return records.stream().map(r -> r instanceof ParsedRecord.Valid v ? v.record().id()
                : ((ParsedRecord.Invalid) r).patientId()).toList();
    }

    @Test
    void aFolderOfBundlesIsReadWholeSubfoldersToo(@TempDir Path dir) throws IOException {
        Files.copy(SYNTHEA.resolve(ALEXIA), dir.resolve(ALEXIA));
        Files.createDirectories(dir.resolve("more"));
        Files.copy(SYNTHEA.resolve(LONNIE), dir.resolve("more").resolve(LONNIE));
        Files.writeString(dir.resolve("notes.txt"), "not FHIR");
        List<ParsedRecord> records = read(dir);
        assertEquals(List.of(ids(read(SYNTHEA.resolve(ALEXIA))).get(0), ids(read(SYNTHEA.resolve(LONNIE))).get(0)),
                ids(records));
        assertTrue(FhirInput.isFhir(dir));
    }

    @Test
    void hapiObjectsInMemoryMapAsTheirFilesDo() throws IOException {
        FhirContext ctx = FhirContext.forR4();
        Bundle bundle = ctx.newJsonParser().parseResource(Bundle.class, Files.readString(SYNTHEA.resolve(ALEXIA)));
        PatientRecord fromFile = ((ParsedRecord.Valid) read(SYNTHEA.resolve(ALEXIA)).get(0)).record();
        try (Stream<ParsedRecord> s = FhirInput.readHapi(CDS, bundle, AS_OF, null)) {
            assertEquals(fromFile, ((ParsedRecord.Valid) s.toList().get(0)).record());
        }
        List<Resource> resources = new ArrayList<>();
        bundle.getEntry().forEach(e -> resources.add(e.getResource()));
        try (Stream<ParsedRecord> s = FhirInput.readHapi(CDS, resources, AS_OF, null)) {
            List<ParsedRecord> list = s.toList();
            assertEquals(1, list.size());
            PatientRecord fromList = ((ParsedRecord.Valid) list.get(0)).record();
            assertEquals(fromFile.tScore(), fromList.tScore());
            assertEquals(fromFile.conditions(), fromList.conditions());
        }
    }

    @Test
    void twoPatientsWithOneIdAreBothInvalidAndStrayResourcesAreCounted() {
        String bundle = """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"resource":{"resourceType":"Patient","id":"same","gender":"female","birthDate":"1950-01-01"}},
                 {"resource":{"resourceType":"Patient","id":"other","gender":"male","birthDate":"1950-01-01"}},
                 {"resource":{"resourceType":"Patient","id":"same","gender":"male","birthDate":"1960-01-01"}},
                 {"resource":{"resourceType":"Condition","subject":{"reference":"Patient/nobody"},
                   "code":{"coding":[{"system":"http://snomed.info/sct","code":"64859006"}]}}}
                ]}""";
        List<ParsedRecord> records;
        try (Stream<ParsedRecord> s = FhirInput.read(CDS, bundle, "dup", AS_OF, null)) {
            records = s.toList();
        }
        assertEquals(3, records.size(), "one record per Patient resource");
        assertEquals(List.of("same", "same", "other"), ids(records));
        ParsedRecord.Invalid first = assertInstanceOf(ParsedRecord.Invalid.class, records.get(0));
        assertTrue(first.errors().get(0).message().contains("2 Patient resources in this input have the id same"));
        assertInstanceOf(ParsedRecord.Invalid.class, records.get(1));
        assertInstanceOf(ParsedRecord.Valid.class, records.get(2));
    }

    @Test
    void aBadValueCostsOnlyItsPatientAndUnattachedResourcesAreReported(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("two.json");
        Files.writeString(file, """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"resource":{"resourceType":"Patient","id":"bad","gender":"female","birthDate":"1950-01-01"}},
                 {"resource":{"resourceType":"Observation","status":"final","subject":{"reference":"Patient/bad"},
                   "code":{"coding":[{"system":"http://loinc.org","code":"38265-5"}]},"effectiveDateTime":"2025-13-45",
                   "valueQuantity":{"value":-2.7}}},
                 {"resource":{"resourceType":"Patient","id":"good","gender":"female","birthDate":"1950-01-01"}},
                 {"resource":{"resourceType":"Observation","status":"final","subject":{"reference":"Patient/good"},
                   "code":{"coding":[{"system":"http://loinc.org","code":"38265-5"}]},"effectiveDateTime":"2025-03-01",
                   "valueQuantity":{"value":-2.7}}},
                 {"resource":{"resourceType":"Observation","status":"final","subject":{"reference":"Patient/gone"},
                   "code":{"coding":[{"system":"http://loinc.org","code":"38265-5"}]},"valueQuantity":{"value":1}}}
                ]}""");
        List<FhirSourceReport> reports = new ArrayList<>();
        List<ParsedRecord> records;
        try (Stream<ParsedRecord> s = FhirInput.read(CDS, file, AS_OF, null, reports::add)) {
            records = s.toList();
        }
        ParsedRecord.Invalid bad = assertInstanceOf(ParsedRecord.Invalid.class, records.get(0));
        assertEquals("Observation/null.effectiveDateTime", bad.errors().get(0).field());
        assertEquals("2025-13-45", bad.errors().get(0).value());
        PatientRecord good = assertInstanceOf(ParsedRecord.Valid.class, records.get(1)).record();
        assertEquals(-2.7, good.tScore());
        assertEquals(1, reports.size());
        assertEquals(java.util.Map.of("Observation", 1), reports.get(0).unattached());
        assertEquals(2, reports.get(0).patients());
    }

    /** A class loader over the test's classpath without the jars whose names contain any of {@code without}. */
    static URLClassLoader classpathWithout(String... without) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            boolean drop = false;
            for (String w : without) {
                drop |= Path.of(entry).getFileName().toString().contains(w);
            }
            if (!drop && !entry.contains("junit")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @Test
    void filesNeedNoHapiAndHapiObjectsWithoutHapiR4SaySoClearly() throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try {
            withoutHapi();
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    private static void withoutHapi() throws Exception {
        try (URLClassLoader noHapi = classpathWithout("hapi-fhir", "org.hl7.fhir")) {
            Thread.currentThread().setContextClassLoader(noHapi);   // Drools finds its services through it
            assertEquals(1L, call(noHapi, "org.osteocds.io.NoHapiCalls$ReadAFile"),
                    "a Bundle file is read without HAPI on the classpath");
        }
        try (URLClassLoader baseOnly = classpathWithout("hapi-fhir-structures-r4", "org.hl7.fhir.r4")) {
            Thread.currentThread().setContextClassLoader(baseOnly);
            String message = (String) call(baseOnly, "org.osteocds.io.NoHapiCalls$ReadAHapiObject");
            assertTrue(message.contains("hapi-fhir-structures-r4"), message);
        }
    }

    private static Object call(ClassLoader loader, String name) throws Exception {
        return ((java.util.concurrent.Callable<?>) loader.loadClass(name).getConstructor().newInstance()).call();
    }

    @Test
    void aDocumentInMemoryWithAKeyGivenTwiceIsInvalidNotResolvedToItsLastValue() {
        String patient = "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"gender\":\"female\","
                + "\"birthDate\":\"1950-01-01\",\"birthDate\":\"2020-01-01\"}";
        List<ParsedRecord> out;
        try (Stream<ParsedRecord> s = FhirInput.read(CDS, patient, "twice", AS_OF, null)) {
            out = s.toList();
        }
        assertEquals(1, out.size());
        ParsedRecord.Invalid invalid = assertInstanceOf(ParsedRecord.Invalid.class, out.get(0));
        assertTrue(invalid.errors().get(0).message().contains("birthDate"), invalid.errors().toString());
    }
}
