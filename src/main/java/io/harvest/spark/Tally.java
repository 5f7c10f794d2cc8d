package io.harvest.spark;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.util.AccumulatorV2;

/**
 * Named counts that tasks add as they make manifest rows: items by status, bytes, and what
 * else a job reports. Exact when added by the tasks of an action's last stage (writing the
 * manifest): Spark applies the update of each partition's successful task once, retries and
 * speculative copies included, so a run's summary needs no second pass over its manifest.
 *
 * <p>Keys are either plain ({@code bytes}) or a dimension and a value ({@code status=ok}).
 *
 * <p>Thread-safe: an executor's heartbeat thread reads and serializes the tally while its task
 * adds to it, and Spark registers it with the task while it is still being deserialized (in
 * {@code AccumulatorV2.readObject}, before this class's field is read), so a heartbeat can
 * see it without its map: reads take that as empty.
 */
public final class Tally extends AccumulatorV2<String, Map<String, Long>> {
    private static final long serialVersionUID = 1L;

    private ConcurrentHashMap<String, Long> counts = new ConcurrentHashMap<>();

    public static Tally register(SparkContext sc, String name) {
        Tally tally = new Tally();
        sc.register(tally, name);
        return tally;
    }

    /** Adds one to {@code key}. */
    @Override
    public void add(String key) {
        add(key, 1);
    }

    public void add(String key, long n) {
        counts.merge(key, n, Long::sum);
    }

    /** Adds one to {@code dimension=value}. */
    public void count(String dimension, String value) {
        add(dimension + "=" + value, 1);
    }

    public long get(String key) {
        return value().getOrDefault(key, 0L);
    }

    /** The counts of one dimension, by value: {@code dimension("status")} gives {ok=.., ...}. */
    public SortedMap<String, Long> dimension(String dimension) {
        String prefix = dimension + "=";
        SortedMap<String, Long> values = new TreeMap<>();
        value().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                values.put(k.substring(prefix.length()), v);
            }
        });
        return values;
    }

    @Override
    public boolean isZero() {
        return value().isEmpty();
    }

    @Override
    public Tally copy() {
        Tally copy = new Tally();
        copy.counts.putAll(value());
        return copy;
    }

    @Override
    public void reset() {
        counts.clear();
    }

    @Override
    public void merge(AccumulatorV2<String, Map<String, Long>> other) {
        other.value().forEach((k, v) -> counts.merge(k, v, Long::sum));
    }

    @Override
    public Map<String, Long> value() {
        Map<String, Long> current = counts;
        return current == null ? Map.of() : Collections.unmodifiableMap(current);
    }
}
