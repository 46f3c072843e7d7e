package org.osteocds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osteocds.HotReload;
import org.osteocds.RuleFolders;

/** {@code serve --rules DIR}: an edit of the rules is served without a restart, and every answer names its ruleset. */
class ServiceReloadTest {

    @Test
    void anEditedRulesetIsServedAndNamedInEveryAnswer(@TempDir Path dir) throws Exception {
        Path rules = RuleFolders.copyOfRules(dir.resolve("rules"));
        HttpClient http = HttpClient.newHttpClient();
        try (HotReload hot = HotReload.watch(rules);
             CdsServer server = new CdsServer(ServiceConfig.defaults(), hot::current,
                     Store.open("jdbc:sqlite:" + dir.resolve("s.db")), "127.0.0.1", 0, true).start()) {
            String request = Files.readString(Path.of("test-fixtures/samples/cds-hooks-patient-view.json"));
            HttpRequest call = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/cds-services/"
                    + Hooks.PATIENT_VIEW)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request)).build();
            HttpResponse<String> before = http.send(call, HttpResponse.BodyHandlers.ofString());
            String sha = hot.current().ruleset().sha256();
            assertTrue(before.headers().firstValue("X-Osteo-Cds-Ruleset").orElse("").endsWith(sha));

            Path file = rules.resolve("lifestyle/lifestyle-advice.drl");
            Files.writeString(file, Files.readString(file) + "\n// an edit that changes the ruleset's identity\n");
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (hot.current().ruleset().sha256().equals(sha) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            String newSha = hot.current().ruleset().sha256();
            assertNotEquals(sha, newSha, "the edit was not loaded");
            HttpResponse<String> after = http.send(call, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, after.statusCode());
            assertTrue(after.headers().firstValue("X-Osteo-Cds-Ruleset").orElse("").endsWith(newSha));
            JsonNode ext = new ObjectMapper().readTree(after.body()).path("extension").path("org.osteo-cds");
            assertEquals(newSha, ext.path("ruleset").path("sha256").asText());
        }
    }

    @Test
    void withoutFixturesBesideTheRulesGeneratedRecordsAreTheCanary(@TempDir Path dir) throws Exception {
        java.time.LocalDate asOf = java.time.LocalDate.of(2026, 6, 1);
        java.util.List<org.osteocds.model.PatientRecord> canary = ServeCommand.canaryRecords(
                Path.of("test-fixtures/samples/patients.json"), asOf);
        assertEquals(ServeCommand.CANARY_GENERATED + 3, canary.size(), "generated records and the named file's");
        Path rules = RuleFolders.copyOfRules(dir.resolve("deploy/rules"));   // no test-fixtures/ beside it
        try (HotReload hot = HotReload.watch(rules, ServeCommand.canaryRecords(null, asOf), asOf)) {
            String good = hot.current().ruleset().sha256();
            Files.writeString(rules.resolve("lifestyle/throws.drl"), """
                    package lifestyle;
                    import org.osteocds.facts.*;
                    rule "A rule that throws for a woman of 70 or more"
                    when
                        Patient( sex == org.osteocds.model.Sex.FEMALE, ageYears != null, ageYears >= 70 )
                    then
                        throw new IllegalStateException( "deliberate" );
                    end
                    """);
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (hot.lastFailure().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(hot.lastFailure().isPresent(), "the ruleset was not refused");
            assertEquals("canary", hot.lastFailure().get().errors().get(0).file(), "refused by the canary, not the "
                    + "compiler: " + hot.lastFailure().get().errors());
            assertEquals(good, hot.current().ruleset().sha256(), "the failing ruleset was served");
        }
    }
}
