package org.osteocds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's database, for real: SQLite in a file, and PostgreSQL when {@code OSTEOCDS_PG_URL} names one
 * ({@code .ci/run} starts a throwaway server with {@code bin/pg-throwaway} when the binaries are on the machine).
 */
class StoreTest {

    @Test
    void sqlite(@TempDir Path dir) throws Exception {
        roundTrip("jdbc:sqlite:" + dir.resolve("service.db"));
    }

    @Test
    void postgresql() throws Exception {
        String url = System.getenv("OSTEOCDS_PG_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "skipped: no PostgreSQL (set OSTEOCDS_PG_URL, e.g. "
                + "export OSTEOCDS_PG_URL=$(bin/pg-throwaway start))");
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA public CASCADE");
            st.execute("CREATE SCHEMA public");
        }
        roundTrip(url);
    }

    @Test
    void readinessDoesNotWaitBehindAWrite(@TempDir Path dir) throws Exception {
        try (Store store = Store.open("jdbc:sqlite:" + dir.resolve("service.db"))) {
            java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            Thread writer = new Thread(() -> {
                synchronized (store) {   // what a long write of audit rows holds
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            writer.start();
            try {
                assertTrue(holding.await(10, java.util.concurrent.TimeUnit.SECONDS));
                boolean ready = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                        java.time.Duration.ofSeconds(10), store::ready, "the probe waited behind the writer");
                assertTrue(ready);
            } finally {
                release.countDown();
                writer.join();
            }
        }
    }

    @Test
    void readinessSaysWhenTheDatabaseIsGone(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("gone").resolve("service.db");
        java.nio.file.Files.createDirectories(db.getParent());
        try (Store store = Store.open("jdbc:sqlite:" + db)) {
            assertTrue(store.ready());
            store.close();   // closes the probe's connection too; SQLite cannot reopen a file whose folder is gone
            try (var files = java.nio.file.Files.list(db.getParent())) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    java.nio.file.Files.delete(f);
                }
            }
            java.nio.file.Files.delete(db.getParent());
            org.junit.jupiter.api.Assertions.assertFalse(store.ready());
        }
    }

    private static void roundTrip(String url) throws Exception {
        try (Store store = Store.open(url)) {
            assertTrue(store.ready());
            Store.CardRow card = new Store.CardRow("uuid-1", "EXERCISE-RESISTANCE-TRAINING", "osteo-cds-core", "2.0.0",
                    "abc");
            store.write(List.of(card, card), List.of(new Store.AuditRow(Instant.parse("2026-12-02T10:00:00Z"),
                    "https://ehr.example.org client", Hooks.PATIENT_VIEW, "patient-view", "hi-1", "p1", "assessed",
                    List.of("EXERCISE-RESISTANCE-TRAINING"), "osteo-cds-core", "2.0.0", "abc", 200, 12)));
            int known = store.feedback(List.of(
                    new Store.FeedbackRow(Hooks.PATIENT_VIEW, "uuid-1", "overridden", "2026-12-02T10:01:00Z",
                            "urn:osteo-cds:override-reason", "patient-declined", 0, "c"),
                    new Store.FeedbackRow(Hooks.PATIENT_VIEW, "uuid-1", "accepted", null, null, null, 1, "c"),
                    new Store.FeedbackRow(Hooks.PATIENT_VIEW, "uuid-unknown", "accepted", null, null, null, 0, "c")),
                    uuid -> null);
            assertEquals(2, known);
            Map<String, Map<String, Long>> summary = store.summary();
            assertEquals(Map.of("accepted", 1L, "overridden", 1L, "reason:patient-declined", 1L),
                    summary.get("EXERCISE-RESISTANCE-TRAINING"));
            assertEquals(1L, summary.get("unknown card").get("accepted"));
            Map<String, Object> audit = store.latestAudit(1).get(0);
            assertEquals("hi-1", audit.get("hook_instance"));
            assertEquals("EXERCISE-RESISTANCE-TRAINING", audit.get("advice_codes"));
        }
        try (Store again = Store.open(url)) {   // migrations are applied once
            assertEquals(1L, again.summary().get("EXERCISE-RESISTANCE-TRAINING").get("accepted"));
        }
    }
}
