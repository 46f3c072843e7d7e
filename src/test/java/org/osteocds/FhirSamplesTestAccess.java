package org.osteocds;

/** Lets tests in other packages find the shared FHIR samples the same way. */
public final class FhirSamplesTestAccess {
    private FhirSamplesTestAccess() {
    }

    /** @return the Synthea samples folder, as a command-line argument */
    public static String synthea() {
        return TestRules.samples().resolve("synthea").toString();
    }

    /** @return the CDS Hooks examples folder */
    public static java.nio.file.Path cdsHooks() {
        return TestRules.samples().resolve("cds-hooks");
    }
}
