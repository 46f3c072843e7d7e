package org.osteocds.io;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.osteocds.OsteoCds;
import org.osteocds.model.ParsedRecord;

/**
 * Calls that FhirInputTest loads in class loaders without HAPI, compiled as an embedder's code would be (no
 * reflection, which would resolve every signature of FhirInput). Nothing here may name HAPI's R4 classes.
 */
final class NoHapiCalls {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 29);
    static final Path ALEXIA = Path.of("src/test/resources/fhir-samples/synthea/"
            + "Alexia_Senger_a5f5a550-b13e-4f92-b194-6d118f67fcdb.json");

    private NoHapiCalls() {
    }

    /** Reads a Bundle file, as an embedder without HAPI would. */
    public static final class ReadAFile implements Callable<Long> {
        @Override
        public Long call() {
            try (Stream<ParsedRecord> s = FhirInput.read(OsteoCds.bundled(), ALEXIA, AS_OF, null)) {
                return s.count();
            }
        }
    }

    /** With hapi-fhir-base but not the R4 structures: hands over a HAPI object. */
    public static final class ReadAHapiObject implements Callable<String> {
        @Override
        public String call() {
            IBaseResource r = (IBaseResource) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {IBaseResource.class}, (p, m, a) -> null);
            try {
                FhirInput.readHapi(OsteoCds.bundled(), r, AS_OF, null);
                return "no error";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        }
    }
}
