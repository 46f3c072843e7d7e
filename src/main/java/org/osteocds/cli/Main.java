package org.osteocds.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.osteocds.OsteoCds;
import org.osteocds.model.Ruleset;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code osteo-cds} command line: thin picocli adapters over the library.
 *
 * <p>Exit codes (every command): 0 success; 1 some records invalid or failed, or a fixture failed;
 * 2 usage error; 3 the rules do not compile.
 */
@Command(name = "osteo-cds", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Bone-health clinical decision support: explained, cited advice from patient records.",
        subcommands = {AssessCommand.class, GenerateCommand.class, ValidateCommand.class, TestCommand.class, CoverageCommand.class,
            ExplainCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:some records invalid or failed, or a fixture failed",
            "2:usage error", "3:the rules do not compile"})
public final class Main implements Runnable {
    /** Some records were invalid or failed, or a fixture failed. */
    public static final int EXIT_ATTENTION = 1;
    /** Usage error. */
    public static final int EXIT_USAGE = 2;
    /** The rules do not compile. */
    public static final int EXIT_RULES = 3;

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
        cl.setExitCodeExceptionMapper(t -> t instanceof org.osteocds.model.RulesCompilationException ? EXIT_RULES
                : t instanceof CommandLine.ParameterException ? EXIT_USAGE : 1);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("osteo-cds: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof org.osteocds.model.RulesCompilationException rce) {
                commandLine.getErr().println("the rules do not compile:");
                rce.problems().forEach(p -> commandLine.getErr().println(p));
                return EXIT_RULES;
            }
            if (ex instanceof CommandLine.ParameterException
                    || ex instanceof IllegalArgumentException || ex instanceof java.io.UncheckedIOException
                    || ex instanceof java.nio.file.NoSuchFileException) {
                commandLine.getErr().println("osteo-cds: " + ex.getMessage());
                commandLine.getErr().println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
                return EXIT_USAGE;
            }
            throw ex;
        });
        return cl;
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
