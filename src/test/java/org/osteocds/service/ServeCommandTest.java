package org.osteocds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osteocds.OsteoCds;
import org.osteocds.cli.Main;
import picocli.CommandLine;

/** {@code osteo-cds serve} as an operator meets it: settings checked before anything starts, and no trust, no entry. */
class ServeCommandTest {

    private static String[] run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        int code = cl.execute(args);
        return new String[] {String.valueOf(code), err.toString()};
    }

    @Test
    void serveIsACommandOfTheCommandLine() {
        assertTrue(Main.commandLine().getSubcommands().containsKey("serve"));
    }

    @Test
    void aBadConfigurationIsAUsageErrorNamingTheKey(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("service.yaml");
        Files.writeString(config, "trustedIssuer:\n  - iss: https://ehr.example.org\n");
        String[] r = run("serve", "--config", config.toString(), "--port", "0");
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("unknown key 'trustedIssuer'"), r[1]);

        Files.writeString(config, "trustedIssuers:\n  - iss: https://ehr.example.org\n    jwksUrl: ftp://x\n"
                + "timeZone: Mars/Olympus\nmaxBodyBytes: -1\n");
        r = run("serve", "--config", config.toString(), "--port", "0");
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("trustedIssuers[0].jwksUrl") && r[1].contains("timeZone")
                && r[1].contains("maxBodyBytes"), r[1]);

        r = run("serve", "--config", dir.resolve("missing.yaml").toString());
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("no such file"), r[1]);
    }

    @Test
    void aDatabaseOtherThanSqliteOrPostgresqlIsRefused() {
        String[] r = run("serve", "--db", "jdbc:mysql://localhost/x", "--port", "0", "--dev");
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("neither a jdbc:sqlite: nor a jdbc:postgresql: URL"), r[1]);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Store.open("jdbc:postgresql://no-such-host.invalid/db?user=u&password=secret"));
        assertTrue(e.getMessage().contains("password=***") && !e.getMessage().contains("secret"), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-host.invalid"), e.getMessage());
    }

    @Test
    void withNoTrustedIssuerEveryCallIsRefused(@TempDir Path dir) throws Exception {
        try (CdsServer server = new CdsServer(ServiceConfig.defaults(), OsteoCds::bundled,
                Store.open("jdbc:sqlite:" + dir.resolve("s.db")), "127.0.0.1", 0, false).start()) {
            HttpClient http = HttpClient.newHttpClient();
            String path = "/cds-services/" + Hooks.PATIENT_VIEW;
            String token = new Tokens().bearer(server.baseUrl() + path);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                    .header("Authorization", token).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode());
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }
}
