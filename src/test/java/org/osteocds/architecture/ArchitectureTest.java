package org.osteocds.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house of docs/architecture.md, checked on the compiled classes: each package is a room at a level, and a room
 * may use only rooms on lower levels (never one above it, never another room on its own level); no cycles; the
 * contracts know nothing of Drools, HAPI or the command line; the heavy dependencies of the command line, the
 * service and the population job stay out of the library.
 */
class ArchitectureTest {
    /** Rooms from the bottom up. A room may depend only on rooms of a lower level. */
    static final Map<String, Integer> LEVELS = new LinkedHashMap<>();

    static {
        LEVELS.put("org.osteocds.model", 0);
        LEVELS.put("org.osteocds.facts", 1);
        LEVELS.put("org.osteocds.internal.knowledge", 1);
        LEVELS.put("org.osteocds.internal.parse", 1);
        LEVELS.put("org.osteocds.internal.engine", 2);
        LEVELS.put("org.osteocds.internal.fhir", 2);
        LEVELS.put("org.osteocds", 3);
        LEVELS.put("org.osteocds.io", 4);
        LEVELS.put("org.osteocds.authoring", 5);
        LEVELS.put("org.osteocds.synthetic", 5);
        LEVELS.put("org.osteocds.cli", 6);
        LEVELS.put("org.osteocds.service", 7);
        LEVELS.put("org.osteocds.population", 7);
    }

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.osteocds");
    }

    @Test
    void everyPackageIsARoomOfTheHouse() {
        TreeSet<String> unknown = new TreeSet<>();
        for (JavaClass c : classes) {
            if (!LEVELS.containsKey(c.getPackageName())) {
                unknown.add(c.getPackageName());
            }
        }
        assertTrue(unknown.isEmpty(), "packages not drawn in docs/architecture.md: " + unknown);
    }

    @Test
    void noRoomUsesARoomAboveItOrBesideIt() {
        List<String> wrong = new ArrayList<>();
        for (JavaClass c : classes) {
            Integer from = LEVELS.get(c.getPackageName());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String target = d.getTargetClass().getPackageName();
                Integer to = LEVELS.get(target);
                if (from == null || to == null || target.equals(c.getPackageName())) {
                    continue;
                }
                if (to >= from) {
                    wrong.add(c.getName() + " -> " + d.getTargetClass().getName() + " (level " + from + " uses level "
                            + to + ")");
                }
            }
        }
        assertEquals(List.of(), new ArrayList<>(new TreeSet<>(wrong)));
    }

    @Test
    void noCycles() {
        slices().matching("org.osteocds.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theContractsKnowNothingOfDroolsHapiOrTheCommandLine() {
        noClasses().that().resideInAPackage("org.osteocds.model")
                .should().dependOnClassesThat().resideInAnyPackage("org.drools..", "org.kie..", "ca.uhn..",
                        "org.hl7..", "picocli..", "org.osteocds.cli..")
                .check(classes);
    }

    @Test
    void theRuleFacingFactsArePlainJava() {
        noClasses().that().resideInAPackage("org.osteocds.facts")
                .should().dependOnClassesThat().resideInAnyPackage("org.drools..", "org.kie..", "ca.uhn..",
                        "org.hl7..", "com.fasterxml..", "org.osteocds.internal..")
                .check(classes);
    }

    @Test
    void hapiIsUsedOnlyBehindFhirInput() {
        noClasses().that().resideOutsideOfPackages("org.osteocds.internal.fhir", "org.osteocds.io")
                .should().dependOnClassesThat().resideInAnyPackage("ca.uhn..", "org.hl7..")
                .check(classes);
    }

    @Test
    void theLibraryCarriesNoneOfTheApplicationsDependencies() {
        noClasses().that().resideOutsideOfPackages("org.osteocds.cli", "org.osteocds.service",
                        "org.osteocds.population")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", "me.tongfei..", "io.javalin..",
                        "org.eclipse.jetty..", "com.nimbusds..", "org.bouncycastle..", "org.sqlite..", "org.flywaydb..",
                        "org.postgresql..", "org.apache.spark..", "scala..")
                .check(classes);
    }

    @Test
    void libraryCodeNeverPrintsToTheConsole() {
        noClasses().that().resideOutsideOfPackages("org.osteocds.cli", "org.osteocds.service",
                        "org.osteocds.population")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(classes);
    }
}
