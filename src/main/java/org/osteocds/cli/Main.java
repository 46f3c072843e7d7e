package org.osteocds.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.osteocds.OsteoCds;
import org.osteocds.model.RecordError;
import org.osteocds.model.Ruleset;
import org.osteocds.model.RulesCompilationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code osteo-cds} command line: thin picocli adapters over the library.
 *
 * <p>Exit codes (every command, as the command-line contract has them): 0 success; 1 some records invalid or
 * failed, or a fixture failed; 2 usage error; 3 the rules do not compile; 4 an input or output could not be read or
 * written; 70 an internal error (a bug). When several apply, the highest wins.
 */
@Command(name = "osteo-cds", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        scope = CommandLine.ScopeType.INHERIT, usageHelpAutoWidth = true,
        description = "Bone-health clinical decision support: explained, cited advice from patient records.",
        subcommands = {AssessCommand.class, GenerateCommand.class, ValidateCommand.class, TestCommand.class,
            CoverageCommand.class, ExplainCommand.class, ImpactCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:some records invalid or failed, or a fixture failed",
            "2:usage error", "3:the rules do not compile", "4:an input or output could not be read or written",
            "70:internal error (a bug: please report it)"})
public final class Main implements Runnable {
    /** Some records were invalid or failed, or a fixture failed. */
    public static final int EXIT_ATTENTION = 1;
    /** Usage error. */
    public static final int EXIT_USAGE = 2;
    /** The rules do not compile. */
    public static final int EXIT_RULES = 3;
    /** An input or output could not be read or written. */
    public static final int EXIT_IO = 4;
    /** An internal error: a bug. */
    public static final int EXIT_INTERNAL = 70;

    /** The commands that live in rooms above the command line, added when their classes are present. */
    private static final List<String> OPTIONAL_COMMANDS = List.of("org.osteocds.service.ServeCommand",
            "org.osteocds.population.PopulationCommand");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("assess")
                && java.util.Arrays.stream(args).noneMatch(a -> a.startsWith("--rules"))) {
            BundledRules.prefetch();   // build the rules while picocli starts up and the input is opened
        }
        System.exit(commandLine().execute(args));
    }

    /** @return the configured command line (tests call {@code execute} on it) */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (String name : OPTIONAL_COMMANDS) {
            try {
                cl.addSubcommand(Class.forName(name).getConstructor().newInstance());
            } catch (ReflectiveOperationException | LinkageError e) {
                // not built into this distribution
            }
        }
        cl.registerConverter(LocalDate.class, Main::date);
        cl.setExitCodeExceptionMapper(Main::exitCode);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("osteo-cds: " + usageMessage(ex));
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof RulesCompilationException rce) {
                commandLine.getErr().println("the rules do not compile:");
                rce.problems().forEach(p -> commandLine.getErr().println(p));
                return EXIT_RULES;
            }
            if (ex instanceof CommandLine.ParameterException || ex instanceof IllegalArgumentException) {
                commandLine.getErr().println("osteo-cds: " + ex.getMessage());
                commandLine.getErr().println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
                return EXIT_USAGE;
            }
            if (ex instanceof UncheckedIOException || ex instanceof IOException) {
                commandLine.getErr().println("osteo-cds: " + IoMessages.describe(ex));
                return EXIT_IO;
            }
            commandLine.getErr().println("osteo-cds: internal error (a bug; please report it with this text): " + ex);
            for (StackTraceElement e : ex.getStackTrace()) {
                commandLine.getErr().println("    at " + e);
            }
            return EXIT_INTERNAL;
        });
        return cl;
    }

    private static int exitCode(Throwable t) {
        return t instanceof RulesCompilationException ? EXIT_RULES
                : t instanceof CommandLine.ParameterException ? EXIT_USAGE
                : t instanceof UncheckedIOException || t instanceof IOException ? EXIT_IO : EXIT_INTERNAL;
    }

    /** A date as the contract writes it, with a plain message when it is not one. */
    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + RecordError.abbreviate(text)
                    + "' is not a date: write it as YYYY-MM-DD, e.g. 2026-06-01");
        }
    }

    /** Picocli's usage messages, said plainly: an unknown command names itself and its nearest command. */
    private static String usageMessage(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            CommandLine c = ex.getCommandLine();
            if (!first.startsWith("-") && c.getSubcommands().size() > 0 && c.getParseResult().subcommand() == null) {
                List<String> names = new ArrayList<>(c.getSubcommands().keySet());
                names.remove("help");
                String hint = RecordError.didYouMean(first, names);
                return "unknown command '" + RecordError.abbreviate(first) + "'" + (hint.isEmpty() ? "." : hint)
                        + " The commands are: " + String.join(", ", names) + ".";
            }
            if (first.startsWith("-")) {
                return "unknown option '" + RecordError.abbreviate(first) + "'";
            }
        }
        String m = ex.getMessage();
        int i = m.indexOf(": cannot convert");
        return i < 0 ? m : m.substring(0, i) + ": " + RecordError.abbreviate(m.substring(i + 2));
    }

    /** Prints the tool version and the bundled ruleset's identity. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Ruleset r = OsteoCds.bundled().ruleset();
            return new String[] {"osteo-cds " + toolVersion(),
                "bundled ruleset " + r.id() + " " + r.version() + " sha256 " + r.sha256()};
        }
    }

    static String toolVersion() {
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/osteocds-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
