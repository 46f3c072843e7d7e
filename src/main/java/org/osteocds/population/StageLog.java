package org.osteocds.population;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;

/**
 * What each Spark stage of the job did, for the command's report and docs/performance.md: wall time, tasks, bytes
 * read, shuffle written and read, spilled, and written. Registered on the driver for the length of the job.
 */
final class StageLog extends SparkListener {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void onStageCompleted(SparkListenerStageCompleted event) {
        StageInfo s = event.stageInfo();
        TaskMetrics m = s.taskMetrics();
        long wall = s.completionTime().isDefined() && s.submissionTime().isDefined()
                ? (Long) s.completionTime().get() - (Long) s.submissionTime().get() : 0;
        String name = s.name();
        int at = name.indexOf(" at ");
        lines.add(String.format(Locale.ROOT, "stage %3d %-26s %5d tasks %7.1f s  in %s  shuffle write %s read %s"
                        + "  spill %s  out %s", s.stageId(), at < 0 ? name : name.substring(0, at), s.numTasks(),
                wall / 1000.0, mb(m == null ? 0 : m.inputMetrics().bytesRead()),
                mb(m == null ? 0 : m.shuffleWriteMetrics().bytesWritten()),
                mb(m == null ? 0 : m.shuffleReadMetrics().totalBytesRead()),
                mb(m == null ? 0 : m.diskBytesSpilled()), mb(m == null ? 0 : m.outputMetrics().bytesWritten())));
    }

    /** @return one line per completed stage, in completion order */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
