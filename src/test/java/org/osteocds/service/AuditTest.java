package org.osteocds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit writer: every row reaches the database, in few transactions however fast the calls come. */
class AuditTest {

    private static Store.AuditRow row(int i) {
        return new Store.AuditRow(Instant.parse("2026-12-02T10:00:00Z"), "ehr", Hooks.PATIENT_VIEW, "patient-view",
                "instance-" + i, "patient-" + i, "assessed", List.of(), "osteo-cds", "2.0.0", "sha", 200, 1);
    }

    @Test
    void rowsArrivingOneByOneAreWrittenAtMostOncePerInterval(@TempDir Path dir) throws Exception {
        int rows = 300;
        long interval = 1_000;
        long started;
        long elapsed;
        Audit audit;
        try (Store store = Store.open("jdbc:sqlite:" + dir.resolve("s.db"))) {
            audit = new Audit(store, interval);
            started = System.nanoTime();
            for (int i = 0; i < rows; i++) {
                audit.record(row(i), List.of(new Store.CardRow("uuid-" + i, "EX-RESIST", "osteo-cds", "2.0.0", "sha")));
                Thread.sleep(1);   // slower than the writer: before batching by interval, each row was a transaction
            }
            audit.flushNow();
            elapsed = (System.nanoTime() - started) / 1_000_000;
            audit.close();
            assertEquals(rows, audit.written(), "every row written");
            assertEquals(0, audit.dropped());
            assertEquals(rows, store.latestAudit(rows + 10).size(), "every row in the database");
            assertEquals("instance-" + (rows - 1), store.latestAudit(1).get(0).get("hook_instance"));
        }
        // the first row goes at once (the writer was idle), then one transaction per interval at most
        long allowed = 2 + elapsed / interval;
        assertTrue(audit.writes() >= 1 && audit.writes() <= allowed,
                audit.writes() + " transactions for " + rows + " rows over " + elapsed + " ms; at most " + allowed);
    }
}
