package org.osteocds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.osteocds.io.PatientRecords;
import org.osteocds.model.Assessment;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;
import org.osteocds.model.RecordSource;
import org.osteocds.synthetic.PanelGenerator;

/**
 * What the bundled rules say, pinned: a SHA-256 over every assessment (its ruleset's own hash left out) of every
 * fixture record, 100,000 generated patients and 20,000 random records. A rework of how the rules run (phases,
 * fewer facts) must leave it unchanged; a clinical change changes it on purpose: read docs/impact of the change,
 * then rerun with {@code -Ddigest.update=true}.
 */
class AssessmentDigestTest {
    static final Path DIGEST = Path.of("src", "test", "resources", "golden", "assessment-digest.txt");
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);

    @Test
    void theBundledRulesSayWhatTheySaid() throws IOException, NoSuchAlgorithmException {
        OsteoCds cds = TestRules.bundled();
        String sha = cds.ruleset().sha256();
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long count = 0;
        // every fixture record, at its own date
        ObjectMapper json = new ObjectMapper();
        List<Path> fixtures;
        try (Stream<Path> s = Files.walk(Path.of("test-fixtures", "scenarios"))) {
            fixtures = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : fixtures) {
            JsonNode fixture = json.readTree(f.toFile());
            LocalDate asOf = LocalDate.parse(fixture.get("asOf").asText());
            try (Stream<ParsedRecord> one = Stream.of(fixture.get("record").toString()).flatMap(text ->
                    PatientRecords.read(new java.io.StringReader(text)));
                 Stream<Assessment> out = cds.assessAll(one, asOf, 1)) {
                for (Assessment a : (Iterable<Assessment>) out::iterator) {
                    add(digest, a, sha);
                    count++;
                }
            }
        }
        // 100,000 generated patients and 20,000 random records, in batches as the command line runs them
        PanelGenerator g = new PanelGenerator(1, AS_OF);
        List<PatientRecord> generated = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            generated.add(g.next());
        }
        generated.addAll(RandomRecords.generate(20_000, 7));
        for (Assessment a : cds.assessAll(generated, AS_OF)) {
            add(digest, a, sha);
            count++;
        }
        String actual = count + " assessments, sha256 " + HexFormat.of().formatHex(digest.digest()) + "\n";
        if (Boolean.getBoolean("digest.update")) {
            Files.writeString(DIGEST, actual);
        }
        assertEquals(Files.readString(DIGEST), actual, "the assessments changed: if on purpose, read the impact of "
                + "the change and rerun with -Ddigest.update=true");
    }

    private static void add(MessageDigest digest, Assessment a, String sha) {
        String text = PatientRecords.toJson(a.withSource((RecordSource) null)).replace(sha, "<sha256>");
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }
}
