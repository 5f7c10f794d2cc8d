package io.harvest.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harvest.HarvestException;
import io.harvest.io.Storage;
import io.harvest.job.Manifest;
import io.harvest.job.Summary;
import io.harvest.spark.CpuClock;
import io.harvest.spark.Progress;
import io.harvest.spark.RunTimeline;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <output>/report.html}: made at the end of every job (from the job's own progress
 * record, which it also keeps as {@code timeline.json}) and again by {@code harvest report}
 * from what the output folder holds: the manifest, {@code summary.json} and
 * {@code timeline.json}.
 */
public final class RunReport {
    public static final String FILE = "report.html";
    /** The command that makes a report again; it writes the page itself, failing loudly. */
    public static final String COMMAND = "report";

    private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keys of summary.json that {@link Summary} computes or holds as fields, not as details. */
    private static final Set<String> SUMMARY_FIELDS = Set.of("job", "output", "input", "ok", "failed", "skipped",
            "by_status", "bytes", "elapsed_s", "per_s");

    private RunReport() {}

    /**
     * The end of a job: keeps its progress record as timeline.json and writes its report. A
     * report that cannot be made is a warning, never a failed job: the manifest is the result.
     */
    public static void afterRun(SparkSession spark, String command, Summary summary) {
        if (command.equals(COMMAND)) {
            return;
        }
        try {
            Configuration hadoop = spark.sparkContext().hadoopConfiguration();
            Optional<RunTimeline> timeline = Progress.takeTimeline(summary.job());
            if (timeline.isPresent()) {
                Path file = new Path(summary.output(), RunTimeline.FILE);
                Storage.writeAtomically(Storage.fileSystem(file, hadoop), file, timeline.get().toJson());
            }
            long wallStart = System.nanoTime();
            long cpuStart = CpuClock.process();
            Path report = write(spark, summary.output());
            // In local mode the process is driver and executor: its CPU time is the report's whole cost.
            LOG.info("report {} ({} s, {} s of CPU)", report, Summary.rounded((System.nanoTime() - wallStart) / 1e9),
                    cpuStart < 0 ? "?" : Summary.rounded((CpuClock.process() - cpuStart) / 1e9));
        } catch (IOException | RuntimeException e) {
            LOG.warn("no report for {}: {}", summary.output(), e.toString());
        }
    }

    /** Writes {@code <output>/report.html} from what the output folder holds; returns its path. */
    public static Path write(SparkSession spark, String output) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Map<String, Object> summary = summaryMap(output, hadoop);
        RunTimeline timeline = read(new Path(output, RunTimeline.FILE), hadoop).map(RunTimeline::fromJson).orElse(null);
        Dataset<Row> manifest = spark.read().parquet(manifestPath(output, hadoop).toString());
        ManifestFacts facts = ManifestFacts.of(manifest);
        ContactSheet.Sheet sheet = ContactSheet.read(facts, hadoop);
        String html = new ReportPage(output, summary, timeline, facts, sheet).render();
        Path file = new Path(output, FILE);
        try {
            Storage.writeAtomically(Storage.fileSystem(file, hadoop), file, html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** {@code harvest report <output>}: writes the page again and returns the run's summary. */
    public static Summary rebuild(SparkSession spark, String output) {
        Summary summary = readSummary(spark, output);
        LOG.info("report {}", write(spark, output));
        return summary;
    }

    /** The summary of the run that made {@code output}, as its summary.json has it. */
    public static Summary readSummary(SparkSession spark, String output) {
        Map<String, Object> m = summaryMap(output, spark.sparkContext().hadoopConfiguration());
        SortedMap<String, Long> byStatus = new TreeMap<>();
        if (m.get("by_status") instanceof Map<?, ?> statuses) {
            statuses.forEach((k, v) -> byStatus.put(String.valueOf(k), ((Number) v).longValue()));
        }
        Map<String, Object> details = new LinkedHashMap<>(m);
        details.keySet().removeAll(SUMMARY_FIELDS);
        return new Summary(String.valueOf(m.get("job")), output, number(m, "input").longValue(), byStatus,
                number(m, "bytes").longValue(), number(m, "elapsed_s").doubleValue(), details);
    }

    private static Path manifestPath(String output, Configuration hadoop) {
        Path manifest = Manifest.path(output);
        try {
            if (!Storage.fileSystem(manifest, hadoop).exists(manifest)) {
                throw new HarvestException("no manifest in " + output + ": not the output of a finished Harvest run");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
        return manifest;
    }

    private static Number number(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n : 0;
    }

    private static Map<String, Object> summaryMap(String output, Configuration hadoop) {
        Path file = new Path(output, Manifest.SUMMARY_FILE);
        String json = read(file, hadoop).orElseThrow(() -> new HarvestException("no " + Manifest.SUMMARY_FILE
                + " in " + output + ": not the output of a Harvest run, or its run did not finish"));
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new HarvestException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static Optional<String> read(Path file, Configuration hadoop) {
        try {
            FileSystem fs = Storage.fileSystem(file, hadoop);
            byte[] data = Storage.readFully(fs, file, fs.getFileStatus(file).getLen(), 512L << 20);
            return Optional.of(new String(data, StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
