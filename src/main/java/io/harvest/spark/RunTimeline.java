package io.harvest.spark;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What a job's progress saw while it ran, kept for its report: the progress samples and every
 * task attempt. Saved as {@code timeline.json} beside the manifest (not inside
 * {@code summary.json}, which stays a short record of counts: a long run has thousands of
 * samples and tasks), so the report can be made again later without the run.
 *
 * @param job         the job's name
 * @param total       items the job planned, or -1 when unknown
 * @param startMillis when progress started, epoch milliseconds; samples count from it
 */
public record RunTimeline(String job, long total, long startMillis, long sampleMillis,
                          List<ProgressSample> samples, List<TaskRecord> tasks) {
    public static final String FILE = "timeline.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public RunTimeline {
        samples = List.copyOf(samples);
        tasks = List.copyOf(tasks);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RunTimeline fromJson(String json) {
        try {
            return JSON.readValue(json, RunTimeline.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a timeline: " + e.getMessage(), e);
        }
    }
}
