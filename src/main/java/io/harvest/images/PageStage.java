package io.harvest.images;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.harvest.items.UrlInput;
import io.harvest.items.WorkItem;
import io.harvest.items.WorkPlan;
import io.harvest.net.FetchPipeline;
import io.harvest.spark.Progress;
import io.harvest.spark.ProgressCounter;
import io.harvest.spark.Tally;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * The first stage of {@code --links-from}: the input pages fetched (one task per host, with
 * the extra headers), their image URLs found, and those URLs made the image stage's input,
 * numbered after the pages in page order, each carrying its page's URL ({@code page}) and the
 * page's input columns.
 */
final class PageStage {
    static final StructField PAGE = DataTypes.createStructField("page", DataTypes.StringType, true);

    private PageStage() {}

    /**
     * @param pages  the page rows, in the manifest's schema
     * @param images the found image URLs as a URL-list input
     */
    record Result(Dataset<Row> pages, UrlInput.Table images, long pageCount) {}

    /** The carried columns of both stages: {@code page}, then the input's. */
    static List<StructField> carried(List<StructField> input) {
        List<StructField> all = new ArrayList<>(List.of(PAGE));
        all.addAll(input);
        return all;
    }

    static Result run(SparkSession spark, ImagesConfig config, UrlInput.Table input, StructType schema,
                      ImageRows rows, int partitions, Tally tally, LongAccumulator cpuNanos) {
        WorkPlan.Plan plan = WorkPlan.plan(spark, input, partitions);
        FetchPipeline<WorkItem, Row> pipeline = new FetchPipeline<>(config.fetchOptions(), WorkItem::urlToFetch,
                new LinkHandler(config.links(), rows), FetchPipeline.BACKLOG_BYTES, cpuNanos);
        JavaRDD<Row> staged;
        try (Progress progress = Progress.start(spark, ImagesJob.NAME + " pages", plan.count())) {
            ProgressCounter counter = progress.counter();
            staged = plan.items()
                    .map(PageStage::withPageColumn)
                    .mapPartitions(items -> pipeline.run(items, row -> {
                        counter.finished(ImageRows.failed(row));
                        ImageRows.tally(row, tally);
                    }))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            staged.count();
        }
        int found = schema.size();
        Dataset<Row> pages = spark.createDataFrame(staged.map(r -> dropLast(r, found)), schema);
        StructType links = linkSchema(input.carried());
        int item = schema.fieldIndex("item");
        int url = schema.fieldIndex("url");
        int carriedCount = input.carried().size();
        JavaRDD<Row> linkRows = staged.flatMap(r -> {
            List<Row> out = new ArrayList<>();
            List<String> urls = r.getList(found);
            List<Object> carried = rows.carried(r);
            for (int i = 0; i < urls.size(); i++) {
                Object[] v = new Object[4 + carriedCount];
                v[0] = r.getLong(item);
                v[1] = i;
                v[2] = urls.get(i);
                v[3] = r.getString(url);
                for (int c = 1; c < carried.size(); c++) {
                    v[3 + c] = carried.get(c);
                }
                out.add(RowFactory.create(v));
            }
            return out.iterator();
        });
        List<Column> select = new ArrayList<>(List.of(col("url"), lit(null).cast(DataTypes.StringType).as("broken"),
                col("page")));
        input.carried().forEach(f -> select.add(col("`" + f.name().replace("`", "``") + "`")));
        Dataset<Row> images = spark.createDataFrame(linkRows, links).orderBy("page_item", "position")
                .select(select.toArray(new Column[0]));
        return new Result(pages, new UrlInput.Table(images, input.format(), carried(input.carried())),
                plan.count());
    }

    private static StructType linkSchema(List<StructField> carried) {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField("page_item", DataTypes.LongType, false),
                DataTypes.createStructField("position", DataTypes.IntegerType, false),
                DataTypes.createStructField("url", DataTypes.StringType, false),
                PAGE));
        fields.addAll(carried);
        return DataTypes.createStructType(fields);
    }

    /** A page item carries no page of its own: its {@code page} column is null. */
    private static WorkItem withPageColumn(WorkItem w) {
        List<Object> carried = new ArrayList<>(w.carried().size() + 1);
        carried.add(null);
        carried.addAll(w.carried());
        return new WorkItem(w.item(), w.url(), w.host(), w.unreadable(), w.share(), carried);
    }

    private static Row dropLast(Row r, int size) {
        Object[] v = new Object[size];
        for (int i = 0; i < size; i++) {
            v[i] = r.get(i);
        }
        return RowFactory.create(v);
    }
}
