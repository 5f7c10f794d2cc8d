package io.harvest.fetch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.harvest.net.Fetcher;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Turns the input's rows into the fetch tasks' work: each item numbered in input order and
 * keyed by host. A host's items all go to one task, so that the per-host limits
 * of the task's fetcher hold across the cluster; items that are not fetchable are spread
 * anywhere. Within a task the hosts take turns (every host's first URL, then every host's
 * second, ...), so the requests in flight spread over the hosts from the first moment instead
 * of queueing behind one host's long run.
 */
final class WorkItems {
    static final int ITEM = 0;
    static final int URL = 1;
    static final int HOST = 2;
    /** Why the input record is unusable (it never reaches the fetcher); null for most. */
    static final int ERROR = 3;
    private static final int GROUP = 4;
    /** Where the carried input columns start. */
    static final int CARRIED = 5;

    private WorkItems() {}

    /** The items of a run, and how many there are. */
    record Plan(JavaRDD<Row> items, long count) {}

    static Plan plan(SparkSession spark, FetchInput.Table input, int partitions) {
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
            offsets[p] = total;
            total += counts.get(p);
        }
        JavaRDD<Row> numbered = rows.mapPartitionsWithIndex(
                (p, it) -> numbered(it, offsets[p]), true);
        JavaRDD<Row> grouped = spark.createDataFrame(numbered, schema(input.carried()))
                .repartition(partitions, col("group"))
                .withColumn("turn", row_number().over(Window.partitionBy("group").orderBy("item")))
                .sortWithinPartitions("turn", "group")
                .drop("turn")
                .javaRDD();
        return new Plan(grouped, total);
    }

    static StructType schema(List<StructField> carried) {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField("item", DataTypes.LongType, false),
                DataTypes.createStructField("url", DataTypes.StringType, true),
                DataTypes.createStructField("host", DataTypes.StringType, true),
                DataTypes.createStructField("error", DataTypes.StringType, true),
                DataTypes.createStructField("group", DataTypes.StringType, false)));
        fields.addAll(carried);
        return DataTypes.createStructType(fields);
    }

    private static Iterator<Row> numbered(Iterator<Row> rows, long first) {
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
                Object[] values = new Object[CARRIED + in.size() - 2];
                values[ITEM] = item;
                values[URL] = url;
                values[HOST] = host;
                values[ERROR] = broken == null ? null : "unreadable input record: " + shortened(broken);
                // An item without a host goes to any task: its number spreads them.
                values[GROUP] = host != null ? host : "\u0000" + item;
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
