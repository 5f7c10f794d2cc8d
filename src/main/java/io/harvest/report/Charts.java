package io.harvest.report;

import static io.harvest.report.Html.esc;

import io.harvest.report.ManifestFacts.Bucket;
import io.harvest.report.ManifestFacts.Timing;
import io.harvest.spark.ProgressSample;
import io.harvest.spark.TaskRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The report's plots, drawn as inline SVG by hand: three small chart kinds (a time series, task
 * lanes, a histogram) are shorter to write than to adapt a plotting library's output to a page
 * with no script, and the page stays one file with nothing to load.
 */
final class Charts {
    static final int WIDTH = 880;
    private static final int LEFT = 56;
    private static final int RIGHT = 48;
    private static final int TOP = 14;
    private static final int BOTTOM = 30;
    private static final long LANE_SLACK_MILLIS = 100;

    private Charts() {}

    /** Items per second between consecutive samples (area), and tasks running (line, right axis). */
    static String throughput(List<ProgressSample> samples) {
        int height = 220;
        double span = Math.max(1, samples.get(samples.size() - 1).atMillis()) / 1000.0;
        List<double[]> rates = new ArrayList<>();
        double maxRate = 0;
        int maxTasks = 1;
        for (int i = 1; i < samples.size(); i++) {
            ProgressSample a = samples.get(i - 1);
            ProgressSample b = samples.get(i);
            double dt = Math.max(1, b.atMillis() - a.atMillis()) / 1000.0;
            double rate = Math.max(0, b.done() - a.done()) / dt;
            rates.add(new double[] {a.atMillis() / 1000.0, b.atMillis() / 1000.0, rate});
            maxRate = Math.max(maxRate, rate);
        }
        for (ProgressSample s : samples) {
            maxTasks = Math.max(maxTasks, s.running());
        }
        Frame f = Frame.of(height, span, maxRate);
        StringBuilder svg = open(height, "Items per second and tasks running over time");
        f.axes(svg, "s", Html::decimal);
        StringBuilder area = new StringBuilder().append(f.x(0)).append(',').append(f.y(0));
        for (double[] r : rates) {
            area.append(' ').append(f.x(r[0])).append(',').append(f.y(r[2]))
                    .append(' ').append(f.x(r[1])).append(',').append(f.y(r[2]));
        }
        area.append(' ').append(f.x(span)).append(',').append(f.y(0));
        svg.append("<polygon class=\"rate\" points=\"").append(area).append("\"/>");
        StringBuilder tasks = new StringBuilder();
        double taskScale = (double) (height - TOP - BOTTOM) / maxTasks;
        for (ProgressSample s : samples) {
            tasks.append(tasks.length() == 0 ? "" : " ").append(f.x(s.atMillis() / 1000.0)).append(',')
                    .append(fmt(height - BOTTOM - s.running() * taskScale));
        }
        svg.append("<polyline class=\"tasks\" points=\"").append(tasks).append("\"/>");
        svg.append(text(WIDTH - RIGHT + 6, TOP + 4, "start", "axis tasks-axis", maxTasks + " tasks"));
        svg.append(text(WIDTH - RIGHT + 6, height - BOTTOM, "start", "axis tasks-axis", "0"));
        return svg.append("</svg>").toString();
    }

    /**
     * Every task attempt as a bar from launch to finish, packed into lanes (a lane is reused
     * once its last task ended), so the lanes read as the slots that were busy and a straggler
     * stands out as the one long bar at the end.
     */
    static String taskLanes(List<TaskRecord> tasks, long startMillis) {
        List<TaskRecord> byLaunch = tasks.stream().sorted(Comparator.comparingLong(TaskRecord::launchMillis)).toList();
        long start = Math.min(startMillis, byLaunch.get(0).launchMillis());
        long end = tasks.stream().mapToLong(TaskRecord::finishMillis).max().orElse(start + 1);
        List<Long> laneFree = new ArrayList<>();
        int[] lane = new int[byLaunch.size()];
        for (int i = 0; i < byLaunch.size(); i++) {
            TaskRecord t = byLaunch.get(i);
            int l = 0;
            // A slot's next task is launched as its last one's end is reported: allow for the lag.
            while (l < laneFree.size() && laneFree.get(l) > t.launchMillis() + LANE_SLACK_MILLIS) {
                l++;
            }
            if (l == laneFree.size()) {
                laneFree.add(0L);
            }
            laneFree.set(l, t.finishMillis());
            lane[i] = l;
        }
        int laneHeight = Math.max(3, Math.min(18, 360 / laneFree.size()));
        int height = TOP + BOTTOM + laneHeight * laneFree.size();
        Frame f = Frame.of(height, Math.max(1, end - start) / 1000.0, 1);
        StringBuilder svg = open(height, "Task attempts from launch to finish");
        f.timeAxis(svg, "s");
        for (int i = 0; i < byLaunch.size(); i++) {
            TaskRecord t = byLaunch.get(i);
            double x0 = f.x((t.launchMillis() - start) / 1000.0);
            double x1 = Math.max(x0 + 1, f.x((t.finishMillis() - start) / 1000.0));
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"%s\" x=\"%s\" y=\"%d\" width=\"%s\" height=\"%d\"><title>%s</title></rect>",
                    t.succeeded() ? "task" : "task bad", fmt(x0), TOP + lane[i] * laneHeight + 1, fmt(x1 - x0),
                    Math.max(1, laneHeight - 2), esc(String.format(Locale.ROOT,
                            "stage %d, partition %d, attempt %d on executor %s: %s, %s", t.stage(), t.partition(),
                            t.attempt(), t.executor(), Html.millis(t.durationMillis()), t.status()))));
        }
        return svg.append("</svg>").toString();
    }

    /** Bars per bucket (buckets double in width), with the percentiles marked. */
    static String timeHistogram(Timing timing) {
        int height = 220;
        List<Bucket> buckets = timing.buckets();
        long max = buckets.stream().mapToLong(Bucket::count).max().orElse(1);
        Frame f = Frame.of(height, buckets.size(), max);
        StringBuilder svg = open(height, timing.what() + " histogram");
        f.yAxis(svg, v -> Html.count(Math.round(v)));
        double slot = (double) (WIDTH - LEFT - RIGHT) / buckets.size();
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            double x = LEFT + i * slot;
            svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\">"
                    + "<title>%s: %s</title></rect>", fmt(x + 1), fmt(f.y(b.count())), fmt(slot - 2),
                    fmt(f.y(0) - f.y(b.count())), esc(b.label()), Html.count(b.count())));
            svg.append(text(x + slot / 2, height - BOTTOM + 16, "middle", "axis", b.label()));
        }
        long[] marks = {timing.p50(), timing.p95(), timing.p99()};
        String[] names = {"p50", "p95", "p99"};
        for (int i = 0; i < marks.length; i++) {
            // Buckets double in width: a time's place is its log2 past the first bucket's.
            double pos = Math.log(Math.max(1, marks[i])) / Math.log(2) - timing.firstExponent();
            double x = LEFT + Math.max(0, Math.min(buckets.size(), pos)) * slot;
            svg.append(String.format(Locale.ROOT, "<line class=\"mark\" x1=\"%s\" x2=\"%s\" y1=\"%d\" y2=\"%d\"/>",
                    fmt(x), fmt(x), TOP, height - BOTTOM));
            svg.append(text(x + 3, TOP + 10 + 13 * i, "start", "mark-label", names[i] + " " + Html.millis(marks[i])));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(int height, String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                WIDTH, height, esc(title)));
    }

    private static String text(double x, double y, String anchor, String cls, String text) {
        return String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\" class=\"%s\">%s</text>",
                fmt(x), fmt(y), anchor, cls, esc(text));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** 1, 2 or 5 times a power of ten, at or above {@code v}: a round top for an axis. */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** The plot area of a chart: x from 0 to {@code xMax}, y from 0 to {@code yMax}. */
    private record Frame(int height, double xMax, double yStep, double yMax) {
        /** A frame whose y axis goes up in about four round steps to at least {@code yTop}. */
        static Frame of(int height, double xMax, double yTop) {
            double step = yTop > 0 ? niceCeiling(yTop / 4) : 1;
            return new Frame(height, xMax, step, step * Math.max(1, Math.ceil(yTop / step)));
        }

        double x(double v) {
            return LEFT + v / xMax * (WIDTH - LEFT - RIGHT);
        }

        double y(double v) {
            return height - BOTTOM - v / yMax * (height - TOP - BOTTOM);
        }

        void axes(StringBuilder svg, String unit, java.util.function.DoubleFunction<String> label) {
            yAxis(svg, label);
            timeAxis(svg, unit);
        }

        void yAxis(StringBuilder svg, java.util.function.DoubleFunction<String> label) {
            for (double v = 0; v <= yMax + yStep / 2; v += yStep) {
                svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%s\" y2=\"%s\"/>",
                        LEFT, WIDTH - RIGHT, fmt(y(v)), fmt(y(v))));
                svg.append(text(LEFT - 6, y(v) + 4, "end", "axis", label.apply(v)));
            }
        }

        void timeAxis(StringBuilder svg, String unit) {
            double step = niceCeiling(xMax / 8);
            for (double t = 0; t <= xMax + 1e-9; t += step) {
                svg.append(text(x(t), height - BOTTOM + 16, "middle", "axis", Html.decimal(t) + " " + unit));
            }
            svg.append(String.format(Locale.ROOT, "<line class=\"axis-line\" x1=\"%d\" x2=\"%d\" y1=\"%s\" y2=\"%s\"/>",
                    LEFT, WIDTH - RIGHT, fmt(y(0)), fmt(y(0))));
        }
    }
}
