package org.osteocds.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.osteocds.OsteoCds;
import org.osteocds.RandomRecords;
import org.osteocds.internal.engine.Engine;
import org.osteocds.internal.engine.OrderedBatches;
import org.osteocds.internal.parse.RecordReader;
import org.osteocds.io.FhirInput;
import org.osteocds.io.PatientRecords;
import org.osteocds.model.Assessment;
import org.osteocds.model.AssessmentStatus;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;
import org.osteocds.synthetic.PanelGenerator;

/**
 * Generated hostile inputs, in every format, and the promises checked on each (docs/reliability.md):
 * <ul>
 *   <li>nothing escapes: reading and assessing never throw;</li>
 *   <li>every record read comes out exactly once, whatever the batch size and thread count, with the same result;</li>
 *   <li>a fault inside one record (a bad token, a repeated field, a NUL byte, a byte invalid in the encoding, deep
 *       nesting, a huge value) costs only that record: every other record comes out as it did without the fault;</li>
 *   <li>arbitrary damage (bytes flipped, cut, repeated, deleted) loses nothing silently: each record the reader
 *       found is assessed once, and the run ends.</li>
 * </ul>
 * {@code FuzzTest} runs a minute's worth in the build; {@code bin/fuzz N} runs N inputs by hand.
 */
public final class Fuzz {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OsteoCds cds;
    private final Engine engine;
    private final List<String> fhirSamples;
    private long inputs;
    private long records;

    /**
     * @param cds    the engine to assess with
     * @param engine the same rules' engine, for batches of chosen sizes
     * @throws IOException when the FHIR samples cannot be read
     */
    public Fuzz(OsteoCds cds, Engine engine) throws IOException {
        this.cds = cds;
        this.engine = engine;
        try (Stream<Path> s = Files.list(Path.of("src", "test", "resources", "fhir-samples", "ecqm-cms249"))) {
            List<String> texts = new ArrayList<>();
            for (Path p : s.sorted().limit(20).toList()) {
                texts.add(Files.readString(p));
            }
            this.fhirSamples = texts;
        }
    }

    /** @return inputs checked so far */
    public long inputs() {
        return inputs;
    }

    /** @return records assessed so far */
    public long records() {
        return records;
    }

    /** A failed promise, with the seed and the input that broke it. */
    public static final class Broken extends AssertionError {
        private static final long serialVersionUID = 1L;

        Broken(long seed, String what, byte[] input) {
            super("seed " + seed + ": " + what + "\n  input (" + input.length + " bytes): "
                    + new String(input, 0, Math.min(input.length, 600), StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * Generates one input from the seed and checks every promise on it.
     *
     * @param seed the seed (the same seed, the same input)
     * @param size how many records to start from
     */
    public void check(long seed, int size) {
        SplittableRandom rnd = new SplittableRandom(seed);
        inputs++;
        switch (rnd.nextInt(6)) {
            case 0, 1 -> json(seed, rnd, size);
            case 2, 3 -> csv(seed, rnd, size);
            case 4 -> fhir(seed, rnd, size);
            default -> wild(seed, rnd, size);
        }
    }

    // ---- JSON: records in any arrangement, one of them damaged inside -------------------------------------------

    private void json(long seed, SplittableRandom rnd, int size) {
        List<PatientRecord> recs = RandomRecords.generate(size, seed);
        List<String> texts = new ArrayList<>();
        for (PatientRecord r : recs) {
            texts.add(PatientRecords.toJson(r));
        }
        int target = rnd.nextInt(size);
        String damaged = FuzzText.damageJson(texts.get(target), rnd);
        boolean pretty = rnd.nextInt(4) == 0;
        String clean = FuzzText.arrange(texts, pretty, rnd.split());
        List<String> bad = new ArrayList<>(texts);
        bad.set(target, damaged);
        String input = FuzzText.arrange(bad, pretty, new SplittableRandom(seed ^ 0x5DEECE66DL));
        byte[] bytes = FuzzText.bytes(input, rnd);
        List<Assessment> baseline = readAndAssess(seed, clean.getBytes(StandardCharsets.UTF_8));
        List<Assessment> out = readAndAssess(seed, bytes);
        sameExceptOne(seed, bytes, baseline, out, damaged.equals(texts.get(target)) ? -1 : target);
    }

    // ---- CSV: a generated panel, as spreadsheets write it, one row damaged ---------------------------------------

    private void csv(long seed, SplittableRandom rnd, int size) {
        StringWriter w = new StringWriter();
        try {
            new PanelGenerator(seed, AS_OF).write(size, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> lines = new ArrayList<>(List.of(w.toString().split("\n")));
        boolean semicolon = rnd.nextBoolean();
        if (semicolon) {
            lines.replaceAll(FuzzText::toSemicolons);
        }
        String clean = String.join("\n", lines) + "\n";
        int target = 1 + rnd.nextInt(size);
        String row = lines.get(target);
        String damaged = switch (rnd.nextInt(5)) {
            case 0 -> row.replaceFirst("^G-", "G-\u0081");               // a byte Windows-1252 does not define
            case 1 -> row.replaceFirst("([,;])(\\d+)([,;])", "$17d$3");   // "7d" for a number
            case 2 -> row + (semicolon ? ";" : ",") + "extra";            // one cell too many
            case 3 -> row.replaceFirst("^G-", "\"G-");                    // a quote never closed
            default -> row.replaceFirst("^G-", "G-Ã©");                   // mojibake: valid text, still a record
        };
        lines.set(target, damaged);
        String input = String.join(rnd.nextBoolean() ? "\n" : "\r\n", lines) + "\n";
        Charset cs = rnd.nextBoolean() ? WINDOWS_1252 : StandardCharsets.UTF_8;
        byte[] bytes = input.getBytes(cs);
        if (damaged.contains("\u0081")) {   // the raw byte, which no encoder writes
            bytes = FuzzText.replaceMarker(input.replace("\u0081", "\uE000").getBytes(StandardCharsets.UTF_8));
        }
        List<Assessment> baseline = readAndAssess(seed, clean.getBytes(StandardCharsets.UTF_8));
        List<Assessment> out = readAndAssess(seed, bytes);
        sameExceptOne(seed, bytes, baseline, out, target - 1);
    }

    // ---- FHIR: several patients in one Bundle, one value damaged --------------------------------------------------

    private void fhir(long seed, SplittableRandom rnd, int size) {
        ObjectNode bundle = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "collection");
        ArrayNode entries = bundle.putArray("entry");
        List<JsonNode> bundles = new ArrayList<>();
        int patients = 1 + rnd.nextInt(Math.max(1, Math.min(size, 6)));
        for (int k = 0; k < patients; k++) {
            String text = fhirSamples.get(rnd.nextInt(fhirSamples.size()));
            try {
                JsonNode b = JSON.readTree(text.replaceAll("([0-9a-f]{8})-([0-9a-f]{4})", "$1-" + String.format(
                        Locale.ROOT, "%04x", k)));
                bundles.add(b);
                b.path("entry").forEach(entries::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String clean = bundle.toString();
        String input = clean;
        if (rnd.nextBoolean()) {
            input = clean.replaceFirst("\"birthDate\":\"[^\"]*\"", "\"birthDate\":\"1960-13-45\"");
        }
        List<Assessment> out = fhirAssess(seed, input);
        if (out.size() != patients) {
            throw new Broken(seed, "a Bundle of " + patients + " patients gave " + out.size() + " assessments",
                    input.getBytes(StandardCharsets.UTF_8));
        }
        long invalid = out.stream().filter(a -> a.status() == AssessmentStatus.INVALID).count();
        if (invalid > (input.equals(clean) ? 0 : 1)) {
            throw new Broken(seed, "one bad value invalidated " + invalid + " patients",
                    input.getBytes(StandardCharsets.UTF_8));
        }
    }

    private List<Assessment> fhirAssess(long seed, String input) {
        try (Stream<ParsedRecord> parsed = FhirInput.read(cds, input, "fuzz.json", AS_OF, null)) {
            List<ParsedRecord> list = parsed.toList();
            return assessEveryWay(seed, list, input.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw broken(seed, e, input.getBytes(StandardCharsets.UTF_8));
        }
    }

    // ---- wild damage: anything may happen to the bytes; nothing may escape, nothing may be lost silently ----------

    private void wild(long seed, SplittableRandom rnd, int size) {
        byte[] base;
        int kind = rnd.nextInt(3);
        if (kind == 0) {
            StringWriter w = new StringWriter();
            try {
                new PanelGenerator(seed, AS_OF).write(size, w);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            base = w.toString().getBytes(StandardCharsets.UTF_8);
        } else if (kind == 1) {
            List<String> texts = new ArrayList<>();
            RandomRecords.generate(size, seed).forEach(r -> texts.add(PatientRecords.toJson(r)));
            base = FuzzText.arrange(texts, rnd.nextBoolean(), rnd.split()).getBytes(StandardCharsets.UTF_8);
        } else {
            base = fhirSamples.get(rnd.nextInt(fhirSamples.size())).getBytes(StandardCharsets.UTF_8);
        }
        byte[] b = base;
        for (int edits = 1 + rnd.nextInt(4); edits > 0 && b.length > 0; edits--) {
            b = FuzzText.edit(b, rnd);
        }
        if (kind == 2) {
            fhirAssess(seed, new String(b, StandardCharsets.UTF_8));
        } else {
            readAndAssess(seed, b);
        }
    }

    // ---- the checks -------------------------------------------------------------------------------------------

    /** Reads native bytes as the command line does, and assesses them every way: the results must agree. */
    private List<Assessment> readAndAssess(long seed, byte[] bytes) {
        List<ParsedRecord> parsed = new ArrayList<>();
        try {
            RecordReader.Opened o = RecordReader.open(new ByteArrayInputStream(bytes), "fuzz");
            for (Iterator<ParsedRecord> it = o.records(); it.hasNext(); ) {
                parsed.add(it.next());
            }
        } catch (IOException | RuntimeException e) {
            throw broken(seed, e, bytes);
        }
        return assessEveryWay(seed, parsed, bytes);
    }

    private List<Assessment> assessEveryWay(long seed, List<ParsedRecord> parsed, byte[] bytes) {
        List<Assessment> reference = null;
        int[][] ways = {{1, 100}, {3, 7}, {2, 1}};
        for (int[] way : ways) {
            List<Assessment> out = new ArrayList<>();
            try (OrderedBatches<Assessment> b = new OrderedBatches<>(parsed.iterator(), engine, AS_OF, way[0], way[1],
                    Function.identity())) {
                b.forEachRemaining(out::add);
            } catch (RuntimeException e) {
                throw broken(seed, e, bytes);
            }
            if (out.size() != parsed.size()) {
                throw new Broken(seed, parsed.size() + " records read but " + out.size() + " assessed with "
                        + way[0] + " threads, " + way[1] + " per batch", bytes);
            }
            if (reference == null) {
                reference = out;
            } else if (!reference.equals(out)) {
                throw new Broken(seed, "results differ with " + way[0] + " threads, " + way[1] + " per batch", bytes);
            }
        }
        records += parsed.size();
        return reference;
    }

    /**
     * The damaged input gives as many records as the clean one, and every record but the damaged one is assessed
     * as before ({@code target} -1: nothing was damaged).
     */
    private static void sameExceptOne(long seed, byte[] input, List<Assessment> baseline, List<Assessment> out,
                                      int target) {
        if (baseline.size() != out.size()) {
            throw new Broken(seed, baseline.size() + " records without the fault but " + out.size() + " with it",
                    input);
        }
        for (int i = 0; i < out.size(); i++) {
            if (i != target && !out.get(i).withSource(null).equals(baseline.get(i).withSource(null))) {
                throw new Broken(seed, "record " + (i + 1) + " changed though the fault was in record "
                        + (target + 1) + ":\n  before " + baseline.get(i) + "\n  after  " + out.get(i), input);
            }
            if (!out.get(i).patient().equals(baseline.get(i).patient()) && i != target) {
                throw new Broken(seed, "record " + (i + 1) + "'s name or age changed: " + out.get(i).patient(), input);
            }
        }
    }

    private static Broken broken(long seed, Throwable e, byte[] input) {
        Broken b = new Broken(seed, "an exception escaped: " + e, input);
        b.initCause(e);
        return b;
    }

    /**
     * The long run: {@code bin/fuzz N [FIRST-SEED]}.
     *
     * @param args how many inputs, and the first seed (default 1)
     * @throws IOException when the samples cannot be read
     */
    public static void main(String[] args) throws IOException {
        long n = Long.parseLong(args[0]);
        long first = args.length > 1 ? Long.parseLong(args[1]) : 1;
        OsteoCds cds = OsteoCds.bundled();
        Fuzz fuzz = new Fuzz(cds, new Engine(org.osteocds.internal.engine.CompiledRules.compile(
                org.osteocds.internal.knowledge.RuleFiles.bundled())));
        long start = System.nanoTime();
        for (long seed = first; seed < first + n; seed++) {
            fuzz.check(seed, 1 + (int) (seed % 5));
            if ((seed - first + 1) % 10_000 == 0) {
                System.out.printf(Locale.ROOT, "%,d inputs, %,d records, %.0f s%n", fuzz.inputs(), fuzz.records(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
        System.out.printf(Locale.ROOT, "done: %,d inputs, %,d records, no promise broken, %.0f s%n", fuzz.inputs(),
                fuzz.records(), (System.nanoTime() - start) / 1e9);
    }
}
