package io.harvest.items;

import static org.apache.spark.sql.functions.btrim;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.harvest.HarvestException;
import io.harvest.io.FileListing;
import io.harvest.io.Storage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Reads the input of a URL-list job (fetch, images), in any of its formats, into one row per item: the URL as
 * written, a note when the record itself could not be read (a JSON line that does not parse),
 * and the other columns, carried through to the manifest. Each line or row is one item,
 * duplicates included.
 */
public final class UrlInput {
    /** Where Spark's JSON reader puts a line it cannot parse. */
    private static final String CORRUPT = "_corrupt_record";
    /** Files looked at to tell the format of a folder. */
    private static final int FILES_SAMPLED = 1000;

    private UrlInput() {}

    /**
     * The items of an input: {@code rows} holds {@code url} (string, may be null),
     * {@code broken} (why the record could not be read; null when it could) and the carried
     * columns, named as in {@code carried}.
     */
    public record Table(Dataset<Row> rows, InputFormat format, List<StructField> carried) {}

    /**
     * @param reserved names the manifest uses itself: a carried column with one of them is
     *                 renamed {@code input_<name>}
     * @throws HarvestException when the input does not exist, mixes formats, or has no URL column
     */
    public static Table read(SparkSession spark, String input, InputFormat format, String urlColumn,
                      Set<String> reserved) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        requireExists(input, conf);
        InputFormat actual = format == InputFormat.AUTO ? detect(input, conf) : format;
        Dataset<Row> raw = switch (actual) {
            case TEXT -> textLines(spark, input);
            case CSV, TSV -> files(spark).option("header", "true")
                    .option("sep", actual == InputFormat.TSV ? "\t" : ",")
                    // RFC 4180: a quote inside a quoted field is doubled (Python's csv, pandas, Excel).
                    .option("escape", "\"")
                    .option("mode", "PERMISSIVE").csv(input);
            case JSON -> files(spark).option("mode", "PERMISSIVE")
                    .option("columnNameOfCorruptRecord", CORRUPT).json(input);
            case PARQUET -> spark.read().parquet(input);
            case AUTO -> throw new IllegalStateException("format not resolved");
        };
        List<String> columns = Arrays.asList(raw.columns());
        if (!columns.contains(urlColumn)) {
            throw new HarvestException("no column '" + urlColumn + "' in " + actual.label() + " input "
                    + input + " (columns: " + String.join(", ", columns)
                    + "); name the URL column with --url-column");
        }
        List<Column> select = new ArrayList<>();
        select.add(quoted(urlColumn).cast(DataTypes.StringType).as("url"));
        select.add(columns.contains(CORRUPT) ? quoted(CORRUPT).as("broken")
                : lit(null).cast(DataTypes.StringType).as("broken"));
        List<StructField> carried = new ArrayList<>();
        Set<String> taken = new HashSet<>(reserved);
        for (StructField f : raw.schema().fields()) {
            if (f.name().equals(urlColumn) || f.name().equals(CORRUPT)) {
                continue;
            }
            String name = f.name();
            while (!taken.add(name)) {
                name = "input_" + name;
            }
            select.add(quoted(f.name()).as(name));
            carried.add(new StructField(name, f.dataType(), true, f.metadata()));
        }
        return new Table(raw.select(select.toArray(new Column[0])), actual, carried);
    }

    /** One row per line that holds something: blank lines and '#' comments are not items. */
    private static Dataset<Row> textLines(SparkSession spark, String input) {
        Column line = btrim(col("value"), lit(" \t"));
        return files(spark).text(input).select(line.as("url"))
                .where(col("url").notEqual("").and(not(col("url").startsWith("#"))));
    }

    private static DataFrameReader files(SparkSession spark) {
        // A folder of URL lists may have sub-folders; text formats have no partition columns.
        return spark.read().option("recursiveFileLookup", "true");
    }

    private static Column quoted(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }

    /**
     * The format of a file from its name; of a folder or glob from the names of the files in
     * it (hidden and '_' files left out, as Spark does).
     */
    public static InputFormat detect(String input, Configuration conf) {
        Set<InputFormat> found = EnumSet.noneOf(InputFormat.class);
        try {
            Path path = new Path(input);
            FileSystem fs = Storage.fileSystem(path, conf);
            int seen = 0;
            for (FileStatus status : statuses(input, fs)) {
                if (!status.isDirectory()) {
                    found.add(InputFormat.ofFileName(status.getPath().getName()));
                    continue;
                }
                RemoteIterator<? extends FileStatus> files = FileListing.filesUnder(fs, status.getPath());
                while (files.hasNext() && seen < FILES_SAMPLED) {
                    Path file = files.next().getPath();
                    if (!hidden(status.getPath(), file)) {
                        found.add(InputFormat.ofFileName(file.getName()));
                        seen++;
                    }
                }
            }
        } catch (IOException e) {
            throw new HarvestException("cannot read input " + input + ": " + e.getMessage(), e);
        }
        if (found.size() > 1) {
            throw new HarvestException("input " + input + " mixes formats " + found.stream()
                    .map(InputFormat::label).toList() + ": choose one with --input-format");
        }
        return found.isEmpty() ? InputFormat.TEXT : found.iterator().next();
    }

    private static void requireExists(String input, Configuration conf) {
        try {
            statuses(input, Storage.fileSystem(new Path(input), conf));
        } catch (IOException e) {
            throw new HarvestException("cannot read input " + input + ": " + e.getMessage(), e);
        }
    }

    private static List<FileStatus> statuses(String input, FileSystem fs) throws IOException {
        Path path = new Path(input);
        if (FileListing.isGlob(input)) {
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                throw new HarvestException("input not found: no file matches " + input);
            }
            return Arrays.asList(matches);
        }
        try {
            return List.of(fs.getFileStatus(path));
        } catch (FileNotFoundException e) {
            throw new HarvestException("input not found: " + input);
        }
    }

    private static boolean hidden(Path root, Path file) {
        String relative = file.toUri().getPath().substring(root.toUri().getPath().length());
        for (String segment : relative.split("/")) {
            if (segment.startsWith(".") || segment.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    /** An output inside a folder input would be read as input by the next run. */
    public static void requireOutputOutside(String input, String output, Configuration conf) {
        try {
            Path in = new Path(input);
            Path out = new Path(output);
            FileSystem fs = Storage.fileSystem(in, conf);
            String qualifiedIn = fs.makeQualified(in).toString();
            String qualifiedOut = Storage.fileSystem(out, conf).makeQualified(out).toString();
            boolean folder = !FileListing.isGlob(input) && fs.getFileStatus(in).isDirectory();
            if ((qualifiedOut + "/").startsWith(qualifiedIn + "/") && (qualifiedOut.equals(qualifiedIn) || folder)) {
                throw new HarvestException("the output folder " + output
                        + " must not be inside the input folder " + input);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new HarvestException("bad path: " + e.getMessage(), e);
        }
    }
}
