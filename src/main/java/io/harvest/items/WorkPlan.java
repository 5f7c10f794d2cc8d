package io.harvest.items;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;

import io.harvest.net.Fetcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Turns the input's rows into the tasks' work: each item numbered in input order and keyed by
 * host. A host's items go to one task, so that the per-host limits of the task's fetcher hold
 * across the cluster; items that are not fetchable are spread anywhere. With
 * {@link Spread#SPLIT_BIG_HOSTS} a host holding more than a task's share of the items is spread
 * over several tasks instead, each told (by {@link WorkItem#share()}) to divide its per-host
 * limit by their number: CPU-bound jobs use every core even when one CDN serves the whole list.
 * Within a task the hosts take turns (every host's first URL, then every host's second, ...),
 * so the requests in flight spread over the hosts from the first moment.
 */
public final class WorkPlan {
    /** How a host's items may be spread over tasks. */
    public enum Spread {
        /** All of a host's items in one task: IO-bound jobs, where one task keeps many in flight. */
        ONE_TASK_PER_HOST,
        /** A host with more than its share of the items over several tasks. */
        SPLIT_BIG_HOSTS
    }

    // The columns of the planning frame, before items become records.
    private static final int ITEM = 0;
    private static final int URL = 1;
    private static final int HOST = 2;
    private static final int UNREADABLE = 3;
    private static final int GROUP = 4;
    private static final int SHARE = 5;
    private static final int CARRIED = 6;

    private WorkPlan() {}

    /** The items of a run, how many there are, and the most tasks any host was spread over. */
    public record Plan(JavaRDD<WorkItem> items, long count, int widestSpread) {}

    public static Plan plan(SparkSession spark, UrlInput.Table input, int partitions) {
        return plan(spark, input, partitions, Spread.ONE_TASK_PER_HOST);
    }

    public static Plan plan(SparkSession spark, UrlInput.Table input, int partitions, Spread spread) {
        return plan(spark, input, partitions, spread, 0);
    }

    /**
     * @param first the number of the input's first item: items found on pages are numbered
     *              after the pages
     */
    public static Plan plan(SparkSession spark, UrlInput.Table input, int partitions, Spread spread,
                            long first) {
        JavaRDD<Row> rows = input.rows().javaRDD();
        // One pass to count each partition, so that items get contiguous numbers in input
        // order and the progress line knows the total.
        List<Long> counts = rows.mapPartitions(it -> {
            long n = 0;
            for (; it.hasNext(); it.next()) {
                n++;
            }
            return List.of(n).iterator();
        }).collect();
        long[] offsets = new long[counts.size()];
        long total = 0;
        for (int p = 0; p < offsets.length; p++) {
            offsets[p] = first + total;
            total += counts.get(p);
        }
        Map<String, List<String>> spreads = spread == Spread.SPLIT_BIG_HOSTS
                ? groupsOf(spark, bigHosts(rows, total, partitions), partitions) : Map.of();
        int widest = spreads.values().stream().mapToInt(List::size).max().orElse(1);
        JavaRDD<Row> numbered = rows.mapPartitionsWithIndex(
                (p, it) -> numbered(it, offsets[p], spreads), true);
        JavaRDD<WorkItem> grouped = spark.createDataFrame(numbered, schema(input.carried()))
                .repartition(partitions, col("group"))
                .withColumn("turn", row_number().over(Window.partitionBy("group").orderBy("item")))
                .sortWithinPartitions("turn", "group")
                .drop("turn")
                .javaRDD()
                .map(WorkPlan::toItem);
        return new Plan(grouped, total, widest);
    }

    /**
     * The hosts holding more than one task's share of the items, with the number of tasks
     * each is spread over (at most all of them). Only those few hosts reach the driver.
     */
    private static Map<String, Integer> bigHosts(JavaRDD<Row> rows, long total, int partitions) {
        long perTask = Math.max(1, (total + partitions - 1) / partitions);
        Map<String, Integer> shares = new HashMap<>();
        rows.map(r -> r.isNullAt(0) || !r.isNullAt(1) ? "" : String.valueOf(Fetcher.hostOf(r.getString(0).strip())))
                .countByValue()
                .forEach((host, n) -> {
                    if (!host.isEmpty() && !host.equals("null") && n > perTask) {
                        shares.put(host, (int) Math.min(partitions, (n + perTask - 1) / perTask));
                    }
                });
        return shares;
    }

    /**
     * For each big host, the group names its items are dealt to: as many as its share, each
     * landing in a different task. Spark places a group by {@code pmod(hash(group), tasks)}
     * (the partitioning of {@code repartition}), so the names are picked by asking Spark that
     * very expression about candidates.
     */
    private static Map<String, List<String>> groupsOf(SparkSession spark, Map<String, Integer> shares,
                                                      int partitions) {
        if (shares.isEmpty()) {
            return Map.of();
        }
        List<Row> candidates = new ArrayList<>();
        shares.forEach((host, share) -> {
            for (int j = 0; j < 8 * partitions; j++) {
                candidates.add(RowFactory.create(host, host + "\u0000" + j));
            }
        });
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("host", DataTypes.StringType, false),
                DataTypes.createStructField("group", DataTypes.StringType, false)));
        List<Row> placed = spark.createDataFrame(candidates, schema)
                .withColumn("task", pmod(hash(col("group")), lit(partitions)))
                .collectAsList();
        Map<String, List<String>> groups = new HashMap<>();
        Map<String, Set<Integer>> used = new HashMap<>();
        for (Row r : placed) {
            String host = r.getString(0);
            List<String> chosen = groups.computeIfAbsent(host, h -> new ArrayList<>());
            if (chosen.size() < shares.get(host)
                    && used.computeIfAbsent(host, h -> new HashSet<>()).add(r.getInt(2))) {
                chosen.add(r.getString(1));
            }
        }
        return groups;
    }

    private static StructType schema(List<StructField> carried) {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField("item", DataTypes.LongType, false),
                DataTypes.createStructField("url", DataTypes.StringType, true),
                DataTypes.createStructField("host", DataTypes.StringType, true),
                DataTypes.createStructField("unreadable", DataTypes.StringType, true),
                DataTypes.createStructField("group", DataTypes.StringType, false),
                DataTypes.createStructField("share", DataTypes.IntegerType, false)));
        fields.addAll(carried);
        return DataTypes.createStructType(fields);
    }

    private static WorkItem toItem(Row r) {
        List<Object> carried = new ArrayList<>(r.size() - CARRIED);
        for (int i = CARRIED; i < r.size(); i++) {
            carried.add(r.get(i));
        }
        return new WorkItem(r.getLong(ITEM), r.getString(URL), r.getString(HOST), r.getString(UNREADABLE),
                r.getInt(SHARE), carried);
    }

    private static Iterator<Row> numbered(Iterator<Row> rows, long first, Map<String, List<String>> spreads) {
        return new Iterator<>() {
            private long next = first;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Row in = rows.next();
                long item = next++;
                String url = in.isNullAt(0) ? null : in.getString(0).strip();
                String broken = in.getString(1);
                String host = broken == null ? Fetcher.hostOf(url) : null;
                List<String> groups = host == null ? null : spreads.get(host);
                Object[] values = new Object[CARRIED + in.size() - 2];
                values[ITEM] = item;
                values[URL] = url;
                values[HOST] = host;
                values[UNREADABLE] = broken == null ? null : "unreadable input record: " + shortened(broken);
                // An item without a host goes to any task: its number spreads them. A big
                // host's items are dealt round the tasks it is spread over.
                values[GROUP] = host == null ? "\u0000" + item
                        : groups == null ? host : groups.get((int) (item % groups.size()));
                values[SHARE] = groups == null ? 1 : groups.size();
                for (int i = 2; i < in.size(); i++) {
                    values[CARRIED + i - 2] = in.get(i);
                }
                return RowFactory.create(values);
            }
        };
    }

    private static String shortened(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
