package org.osteocds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a newcomer meets it: plain messages, the contract's exit codes, outputs that never harm. */
class NewcomerCliTest {
    static final String SAMPLE = "test-fixtures/samples/patients.json";

    @Test
    void everyCommandHasAOneLineHeaderAndAVersion() {
        CliRunner help = CliRunner.run("--help");
        assertEquals(0, help.exit);
        for (String line : help.out.split("\n")) {
            if (line.matches("  (assess|generate|validate|test|coverage|explain) .*")) {
                assertTrue(line.strip().endsWith("."), "a whole sentence in the command list: " + line);
            }
        }
        for (String command : new String[] {"assess", "validate", "test", "coverage", "explain", "generate"}) {
            CliRunner v = CliRunner.run(command, "-V");
            assertEquals(0, v.exit, command);
            assertTrue(v.out.contains("bundled ruleset osteo-cds-core"), command + ": " + v.out);
        }
    }

    @Test
    void aBadDateAnUnknownCommandAndAnUnknownOptionAreSaidPlainly() {
        CliRunner date = CliRunner.run("assess", "--as-of", "2026-13-01", SAMPLE);
        assertEquals(2, date.exit);
        assertTrue(date.err.contains("'2026-13-01' is not a date: write it as YYYY-MM-DD"), date.err);
        assertFalse(date.err.contains("java.time"), date.err);
        CliRunner command = CliRunner.run("asses", SAMPLE);
        assertEquals(2, command.exit);
        assertTrue(command.err.contains("unknown command 'asses'; did you mean 'assess'?"), command.err);
        CliRunner unknown = CliRunner.run("frobnicate", SAMPLE);
        assertTrue(unknown.err.contains("unknown command 'frobnicate'. The commands are: assess,"), unknown.err);
        CliRunner option = CliRunner.run("assess", "--formt", "csv", SAMPLE);
        assertEquals(2, option.exit);
        assertTrue(option.err.contains("unknown option '--formt'"), option.err);
    }

    @Test
    void anOutputInAMissingFolderExits4AndNamesIt(@TempDir Path dir) {
        CliRunner r = CliRunner.run("assess", "--out", dir.resolve("nope/out.json").toString(), SAMPLE);
        assertEquals(4, r.exit, r.err);
        assertTrue(r.err.contains("nope") && r.err.contains("no such file or folder"), r.err);
        assertFalse(r.err.contains("\tat "), "no stack trace: " + r.err);
    }

    @Test
    void anOutputThatIsAnInputIsRefusedBeforeAnythingIsRead(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("panel.json");
        Files.copy(Path.of(SAMPLE), input);
        byte[] before = Files.readAllBytes(input);
        CliRunner same = CliRunner.run("assess", "--out", input.toString(), input.toString());
        assertEquals(2, same.exit);
        assertTrue(same.err.contains("is also an input"), same.err);
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(input), "the input is untouched");
        CliRunner inFolder = CliRunner.run("assess", "--out", dir.resolve("out.json").toString(), dir.toString());
        assertEquals(2, inFolder.exit, "an output inside an input folder would be read as input");
        CliRunner folder = CliRunner.run("assess", "--out", dir.toString(), SAMPLE);
        assertEquals(2, folder.exit);
        assertTrue(folder.err.contains("is a folder"), folder.err);
    }

    @Test
    void aFailedRunLeavesThePreviousOutputWhole(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out.json");
        assertEquals(0, CliRunner.run("assess", "--as-of", "2026-06-01", "--out", out.toString(), SAMPLE).exit);
        String complete = Files.readString(out);
        CliRunner broken = CliRunner.run("assess", "--as-of", "2026-06-01", "--rules", dir.resolve("none").toString(),
                "--out", out.toString(), SAMPLE);
        assertEquals(2, broken.exit);
        assertEquals(complete, Files.readString(out));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void anOutputThatIsNotAFileIsWrittenInPlaceNeverReplaced(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "ndjson", "--out", fifo.toString(),
                SAMPLE);
        assertEquals(0, r.exit, r.err);
        assertEquals(3, reader.get(30, TimeUnit.SECONDS).strip().split("\n").length);
        assertFalse(Files.isRegularFile(fifo), "the pipe is still a pipe (as /dev/null must stay a device)");
    }

    @Test
    void worklistsListThePatientsPerAction(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("worklist.csv");
        CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", "--format", "worklist", "--out", out.toString(),
                SAMPLE);
        assertEquals(0, r.exit, r.err);
        String csv = Files.readString(out);
        assertTrue(csv.startsWith("\uFEFFaction,patientId"), csv);
        assertTrue(csv.contains("Referral,P-001"), csv);
    }

    @Test
    void everyCommandsHelpListsTheContractsExitCodes() {
        for (String command : List.of("assess", "generate", "validate", "test", "coverage", "explain", "impact")) {
            CliRunner help = CliRunner.run(command, "--help");
            assertEquals(0, help.exit, command);
            assertTrue(help.out.matches("(?s).*\\n\\s+2\\s+usage error.*"), command + ": " + help.out);
            assertTrue(help.out.matches("(?s).*\\n\\s+4\\s+\\S.*"), command + " lists exit code 4: " + help.out);
            assertTrue(help.out.matches("(?s).*\\n\\s+70\\s+internal error.*"), command + " lists 70: " + help.out);
            int previousIndent = 0;   // a description element that starts mid-sentence sits left of the wrapped line
            for (String line : help.out.split("\\R")) {
                int indent = line.length() - line.stripLeading().length();
                assertFalse(indent >= 10 && indent < previousIndent && line.stripLeading().matches("[a-z].*"),
                        command + ": a line cut from its sentence: " + line);
                previousIndent = indent;
            }
        }
    }

    @Test
    void aKilledGenerateLeavesThePreviousFileWholeAndTheModeIsKept(@TempDir Path dir) throws Exception {
        Path panel = dir.resolve("panel.csv");
        assertEquals(0, CliRunner.run("generate", "--count", "1000", "--seed", "1", "--out", panel.toString()).exit);
        Files.setPosixFilePermissions(panel, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        byte[] before = Files.readAllBytes(panel);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.osteocds.cli.Main", "generate", "--count", "50000000",
                "--out", panel.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile())
                .start();
        long deadline = System.nanoTime() + 60_000_000_000L;   // until it is writing, then kill -9
        while (System.nanoTime() < deadline && !partialGrowing(dir)) {
            Thread.sleep(50);
        }
        p.destroyForcibly().waitFor();
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(panel)), "the killed run changed the file");
        assertEquals(0, CliRunner.run("generate", "--count", "10", "--seed", "1", "--out", panel.toString()).exit);
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(panel)), "the mode of the file replaced");
        Path fresh = dir.resolve("fresh.csv");
        assertEquals(0, CliRunner.run("generate", "--count", "10", "--out", fresh.toString()).exit);
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(fresh)), "a new file is readable by all, as files usually are");
    }

    @Test
    void aFullDiskIsSaidWithThePathItCouldNotWrite() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")), "no /dev/full here");
        CliRunner r = CliRunner.run("assess", "--as-of", "2026-06-01", "--out", "/dev/full", SAMPLE);
        assertEquals(4, r.exit, r.err);
        assertTrue(r.err.contains("cannot write /dev/full"), r.err);
        assertFalse(r.err.contains("\tat "), "no stack trace: " + r.err);
    }

    /** A command that fails in a way no command should: a bug. */
    @picocli.CommandLine.Command(name = "boom")
    static final class Boom implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("a bug");
        }
    }

    @Test
    void aBugExits70AndSaysItIsABug() {
        picocli.CommandLine cl = Main.commandLine().addSubcommand(new Boom());
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err));
        assertEquals(Main.EXIT_INTERNAL, cl.execute("boom"));
        assertEquals(70, Main.EXIT_INTERNAL);
        assertTrue(err.toString().contains("internal error (a bug; please report it"), err.toString());
        assertTrue(err.toString().contains("IllegalStateException: a bug"), err.toString());
    }

    private static boolean partialGrowing(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".partial") && f.toFile().length() > 100_000);
        }
    }
}
