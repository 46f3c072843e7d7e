package org.osteocds.service;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the service keeps: the cards it gave (advice code and ruleset, by card uuid), clinicians' feedback on them,
 * and the audit trail. SQLite (a file, WAL mode) by default, PostgreSQL by JDBC URL; the schema is made and
 * upgraded by Flyway migrations ({@code osteocds-service/db/}, one script for both databases: the identity column
 * type is a placeholder). One connection, used by one caller at a
 * time: feedback is rare and audit rows arrive in batches from one thread, so this is not a bottleneck (the hook
 * calls themselves never wait for the database); the readiness probe has a second one, so it never waits behind a
 * write.
 */
final class Store implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);

    /** One audit row: who called, which hook and patient, which cards, which ruleset. No clinical free text. */
    record AuditRow(Instant at, String caller, String serviceId, String hook, String hookInstance, String patientId,
                    String status, List<String> adviceCodes, String rulesetId, String rulesetVersion,
                    String rulesetSha256, int httpStatus, long millis) {
    }

    /** A card given: its uuid, advice code and ruleset identity. */
    record CardRow(String uuid, String adviceCode, String rulesetId, String rulesetVersion, String rulesetSha256) {
    }

    /** One feedback item of a feedback call. */
    record FeedbackRow(String serviceId, String cardUuid, String outcome, String outcomeAt, String overrideSystem,
                       String overrideCode, int acceptedSuggestions, String caller) {
    }

    private final String url;
    private Connection connection;
    private final Object probeLock = new Object();
    private Connection probe;   // the readiness probe's own connection (guarded by probeLock)

    private Store(String url) {
        this.url = url;
    }

    /**
     * Opens (and creates or upgrades) the database.
     *
     * @param url a JDBC URL ({@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://...}), or {@code null} for the
     *            default SQLite file {@code osteo-cds-service.db} in the working folder
     * @return the store
     * @throws IllegalArgumentException for a database other than SQLite or PostgreSQL
     * @throws IllegalStateException    when it cannot be opened or migrated
     */
    static Store open(String url) {
        String u = url == null ? "jdbc:sqlite:" + Path.of("osteo-cds-service.db").toAbsolutePath() : url;
        String vendor = u.startsWith("jdbc:sqlite:") ? "sqlite" : u.startsWith("jdbc:postgresql:") ? "postgresql" : null;
        if (vendor == null) {
            throw new IllegalArgumentException("--db: '" + redact(u) + "' is neither a jdbc:sqlite: nor a "
                    + "jdbc:postgresql: URL");
        }
        Store s = new Store(u);
        try {
            Flyway.configure(Store.class.getClassLoader()).dataSource(u, null, null)
                    .locations("classpath:osteocds-service/db")
                    .placeholders(java.util.Map.of("identity", vendor.equals("sqlite")
                            ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"))
                    .load().migrate();
            s.connection();
        } catch (RuntimeException | SQLException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root.getMessage() == null || root.getMessage().isBlank() ? root.getClass().getSimpleName()
                    : root.getClass().getSimpleName() + ": " + root.getMessage();
            throw new IllegalStateException("cannot open the database " + redact(u) + ": " + redact(why), e);
        }
        LOG.info("database {} ready", redact(u));
        return s;
    }

    /** @return the URL without a password, for messages */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(url);
            if (url.startsWith("jdbc:sqlite:")) {
                try (Statement st = connection.createStatement()) {
                    st.execute("PRAGMA journal_mode=WAL");
                    st.execute("PRAGMA busy_timeout=5000");
                }
            }
        }
        return connection;
    }

    /** Work done in one transaction of the connection. */
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T transaction(Work<T> work) throws SQLException {
        Connection c = connection();
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * Records cards given and audit rows, in one transaction.
     *
     * @param cards  cards given (a card already known is kept as first given)
     * @param audits audit rows
     * @throws SQLException when the database refuses them
     */
    synchronized void write(List<CardRow> cards, List<AuditRow> audits) throws SQLException {
        String now = Instant.now().toString();
        transaction(c -> {
            try (PreparedStatement card = c.prepareStatement("INSERT INTO card (uuid, advice_code, ruleset_id, "
                    + "ruleset_version, ruleset_sha256, first_given_at) VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (uuid) DO NOTHING");
                 PreparedStatement audit = c.prepareStatement("INSERT INTO audit (at, caller, service_id, hook, "
                         + "hook_instance, patient_id, status, advice_codes, ruleset_id, ruleset_version, "
                         + "ruleset_sha256, http_status, millis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (CardRow r : cards) {
                    set(card, r.uuid(), r.adviceCode(), r.rulesetId(), r.rulesetVersion(), r.rulesetSha256(), now);
                    card.addBatch();
                }
                for (AuditRow a : audits) {
                    set(audit, a.at().toString(), a.caller(), a.serviceId(), a.hook(), a.hookInstance(), a.patientId(),
                            a.status(), String.join(" ", a.adviceCodes()), a.rulesetId(), a.rulesetVersion(),
                            a.rulesetSha256(), a.httpStatus(), a.millis());
                    audit.addBatch();
                }
                card.executeBatch();
                audit.executeBatch();
            }
            return null;
        });
    }

    private static void set(PreparedStatement st, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            st.setObject(i + 1, values[i]);
        }
    }

    /**
     * Stores feedback, each item with the advice code and ruleset of its card when the service gave it.
     *
     * @param rows   the items
     * @param recent cards given lately, not yet written (may answer {@code null})
     * @return how many named a card this service gave
     * @throws SQLException when the database refuses them
     */
    synchronized int feedback(List<FeedbackRow> rows, java.util.function.Function<String, CardRow> recent)
            throws SQLException {
        String now = Instant.now().toString();
        return transaction(c -> {
            int known = 0;
            try (PreparedStatement find = c.prepareStatement("SELECT advice_code, ruleset_id, ruleset_version, "
                    + "ruleset_sha256 FROM card WHERE uuid = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO feedback (received_at, service_id, "
                         + "card_uuid, outcome, outcome_at, override_system, override_code, accepted_suggestions, "
                         + "advice_code, ruleset_id, ruleset_version, ruleset_sha256, caller) "
                         + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (FeedbackRow f : rows) {
                    CardRow card = recent.apply(f.cardUuid());
                    if (card == null) {
                        find.setString(1, f.cardUuid());
                        try (ResultSet rs = find.executeQuery()) {
                            card = rs.next() ? new CardRow(f.cardUuid(), rs.getString(1), rs.getString(2),
                                    rs.getString(3), rs.getString(4)) : null;
                        }
                    }
                    known += card == null ? 0 : 1;
                    set(insert, now, f.serviceId(), f.cardUuid(), f.outcome(), f.outcomeAt(), f.overrideSystem(),
                            f.overrideCode(), f.acceptedSuggestions(), card == null ? null : card.adviceCode(),
                            card == null ? null : card.rulesetId(), card == null ? null : card.rulesetVersion(),
                            card == null ? null : card.rulesetSha256(), f.caller());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return known;
        });
    }

    /**
     * Feedback per advice code: how often its cards were accepted and overridden, and for which reasons.
     *
     * @return advice code (or {@code unknown card}) to counts: {@code accepted}, {@code overridden}, and
     *         {@code reason:CODE} per override reason
     * @throws SQLException when the database cannot be read
     */
    synchronized Map<String, Map<String, Long>> summary() throws SQLException {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        try (Statement st = connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT advice_code, outcome, override_code, COUNT(*) FROM feedback "
                     + "GROUP BY advice_code, outcome, override_code")) {
            while (rs.next()) {
                String code = rs.getString(1) == null ? "unknown card" : rs.getString(1);
                Map<String, Long> m = out.computeIfAbsent(code, k -> new LinkedHashMap<>());
                m.putIfAbsent("accepted", 0L);
                m.putIfAbsent("overridden", 0L);
                long n = rs.getLong(4);
                m.merge(rs.getString(2), n, Long::sum);
                if (rs.getString(3) != null) {
                    m.merge("reason:" + rs.getString(3), n, Long::sum);
                }
            }
        }
        return out;
    }

    /**
     * @param limit how many, newest first
     * @return the latest audit rows as column maps (for tests and operators)
     * @throws SQLException when the database cannot be read
     */
    synchronized List<Map<String, Object>> latestAudit(int limit) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement st = connection().prepareStatement("SELECT at, caller, service_id, hook, hook_instance, "
                + "patient_id, status, advice_codes, ruleset_sha256, http_status FROM audit ORDER BY id DESC LIMIT ?")) {
            st.setInt(1, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    /**
     * Whether the database answers, on a connection of its own: a readiness probe must not wait behind a batch of
     * audit rows being written, nor count that wait as the database being down.
     *
     * @return whether the database answered {@code SELECT 1} within two seconds
     */
    boolean ready() {
        synchronized (probeLock) {
            try {
                if (probe == null || probe.isClosed()) {
                    probe = DriverManager.getConnection(url);
                }
                try (Statement st = probe.createStatement()) {
                    st.setQueryTimeout(2);
                    st.execute("SELECT 1");
                    return true;
                }
            } catch (SQLException e) {
                LOG.warn("readiness: the database does not answer: {}", redact(String.valueOf(e.getMessage())));
                closeQuietly(probe);
                probe = null;
                return false;
            }
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException e) {
            LOG.debug("closing a connection: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        synchronized (probeLock) {
            closeQuietly(probe);
            probe = null;
        }
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            LOG.warn("closing the database: {}", e.getMessage());
        }
    }
}
