package org.osteocds.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.function.Supplier;
import org.osteocds.HotReload;
import org.osteocds.OsteoCds;
import org.osteocds.io.PatientRecords;
import org.osteocds.model.ParsedRecord;
import org.osteocds.model.PatientRecord;
import org.osteocds.synthetic.PanelGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code osteo-cds serve}: the CDS Hooks 2.0 service (docs/cds-hooks.md). A thin adapter over {@link CdsServer}. */
@Command(name = "serve",
        header = "Run the CDS Hooks 2.0 service that EHRs call over HTTP.",
        description = "Run the CDS Hooks 2.0 service: discovery at /cds-services and one service per hook "
            + "(osteo-cds-patient-view, osteo-cds-order-select, osteo-cds-order-sign), feedback, health and metrics "
            + "(docs/cds-hooks.md). Stored data go to a SQLite file by default. With no trusted issuer configured "
            + "every call is refused (401) unless --dev. Stops gracefully on Ctrl-C or SIGTERM.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "2:usage error or bad configuration", "3:the rules do not compile",
            "4:the port, the configuration or the database could not be opened",
            "70:internal error (a bug: please report it)"})
public final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "port to listen on (default 8080; 0: any free port)")
    int port = 8080;

    @Option(names = "--rules", paramLabel = "DIR", description = "rules folder, reloaded when it changes "
            + "(default: the bundled rules)")
    Path rules;

    @Option(names = "--canary", paramLabel = "FILE", description = "with --rules: records (JSON, NDJSON or CSV) "
            + "that a changed ruleset must assess without failing before it serves, besides the fixtures in "
            + "test-fixtures/ beside the rules folder and " + CANARY_GENERATED + " generated records")
    Path canary;

    /** How many generated records every changed ruleset must assess without failing before it serves. */
    static final int CANARY_GENERATED = 500;

    @Option(names = "--db", paramLabel = "URL", description = "JDBC URL of the database: jdbc:sqlite:FILE "
            + "(default jdbc:sqlite:osteo-cds-service.db) or jdbc:postgresql://HOST/DB?user=U&password=P")
    String db;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML settings: trusted issuers, public base URL, "
            + "time zone, limits (docs/cds-hooks.md)")
    Path config;

    @Option(names = "--dev", description = "development only: no authentication, listen on loopback")
    boolean dev;

    /** For picocli. */
    public ServeCommand() {
    }

    /**
     * The records a changed ruleset must assess without failing, besides the fixtures beside the rules: generated
     * ones (a fixed seed: every kind of record the generator makes), and those of {@code --canary}.
     */
    static List<PatientRecord> canaryRecords(Path canary, LocalDate today) throws java.io.IOException {
        List<PatientRecord> out = new ArrayList<>();
        PanelGenerator generator = new PanelGenerator(20_261_202L, today);
        for (int i = 0; i < CANARY_GENERATED; i++) {
            out.add(generator.next());
        }
        if (canary != null) {
            try (Stream<ParsedRecord> records = PatientRecords.read(canary)) {
                records.filter(p -> p instanceof ParsedRecord.Valid).forEach(p -> out.add(((ParsedRecord.Valid) p)
                        .record()));
            }
        }
        LOG.info("canary: {} records besides the fixtures beside the rules", out.size());
        return out;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port: " + port + " is not a port");
        }
        if (config != null && !Files.isRegularFile(config)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--config: no such file: " + config);
        }
        ServiceConfig settings = config == null ? ServiceConfig.defaults() : ServiceConfig.read(config);
        if (!dev && !settings.trustedIssuers().isEmpty() && settings.publicBaseUrl() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--config: publicBaseUrl is required with "
                    + "trustedIssuers: every JWT's aud is checked against the URL the EHR calls");
        }
        if (canary != null && (rules == null || !Files.exists(canary))) {
            throw new CommandLine.ParameterException(spec.commandLine(), rules == null
                    ? "--canary needs --rules (the bundled rules are not reloaded)" : "--canary: no such file: " + canary);
        }
        HotReload reload = rules == null ? null : HotReload.watch(rules, canaryRecords(canary, LocalDate.now(
                settings.zone())), LocalDate.now(settings.zone()));
        OsteoCds fixed = rules == null ? OsteoCds.bundled() : null;
        Supplier<OsteoCds> cds = reload != null ? reload::current : () -> fixed;
        String host = settings.bindAddress() != null ? settings.bindAddress() : dev ? "127.0.0.1" : "0.0.0.0";
        Store store;
        try {
            store = Store.open(db);
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("osteo-cds: " + e.getMessage());
            return 4;
        }
        CdsServer server = new CdsServer(settings, cds, store, host, port, dev);
        try {
            server.start();
        } catch (java.io.IOException e) {
            store.close();
            spec.commandLine().getErr().println("osteo-cds: cannot listen on " + host + ":" + port + ": "
                    + e.getMessage());
            return 4;
        }
        Thread stopper = new Thread(() -> {
            LOG.info("stopping: finishing the calls in flight");
            server.close();
            if (reload != null) {
                reload.close();
            }
        }, "osteo-cds-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        spec.commandLine().getOut().println("osteo-cds serve: listening on " + server.baseUrl()
                + "/cds-services" + (dev ? " (DEVELOPMENT MODE: no authentication)" : ""));
        spec.commandLine().getOut().flush();
        server.join();
        return 0;
    }
}
