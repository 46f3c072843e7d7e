package org.osteocds.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osteocds.OsteoCds;
import org.osteocds.model.Assessment;
import org.osteocds.model.ParsedRecord;

/**
 * docs/cards-viewer.html, the card panel of the documentation's screenshot, in a real browser (headless Chromium,
 * from the OS packages): every card of a response is shown with its summary, indicator and suggestions.
 */
class CardsViewerBrowserTest {

    static String browser() {
        for (String b : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (new File(b).canExecute()) {
                return b;
            }
        }
        return null;
    }

    @Test
    void everyCardOfAResponseIsShown(@TempDir Path dir) throws Exception {
        String browser = browser();
        Assumptions.assumeTrue(browser != null, "skipped: no Chromium here (Debian: apt-get install chromium)");
        OsteoCds cds = OsteoCds.bundled();
        Assessment a;
        try (Stream<ParsedRecord> records = FhirInput.read(cds, Path.of("test-fixtures/samples/cds-hooks-patient-view.json"),
                LocalDate.of(2026, 6, 1), null)) {
            a = cds.assessAll(records, LocalDate.of(2026, 6, 1), 1).findFirst().orElseThrow();
        }
        String response = new CardsWriter(java.io.Writer.nullWriter(), cds).json(a);
        String page = Files.readString(Path.of("docs/cards-viewer.html"))
                .replace("RESPONSE_JSON", response.replace("</", "<\\/"));
        Path html = dir.resolve("cards.html");
        Files.writeString(html, page);
        Process p = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", html.toUri().toString())
                .redirectError(dir.resolve("browser.log").toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "Chromium did not finish");
        JsonNode cards = new ObjectMapper().readTree(response).path("cards");
        assertTrue(cards.size() >= 5, response);
        assertEquals(cards.size(), java.util.regex.Pattern.compile("<section class=\"card (info|warning|critical)\">")
                .matcher(dom).results().count(), dom);
        for (JsonNode c : cards) {
            String summary = c.path("summary").asText().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            assertTrue(dom.contains(summary), "not shown: " + summary);
        }
        assertTrue(dom.contains("<section class=\"card critical\">"), "the critical referral is marked critical");
        assertTrue(dom.contains("Refer for osteoporosis treatment evaluation"), "its suggestion is a button");
        assertTrue(dom.contains("Patient example-1"));
    }
}
