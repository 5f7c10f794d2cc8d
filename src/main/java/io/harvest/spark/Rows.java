package io.harvest.spark;

import java.util.List;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/** Values for Spark {@link org.apache.spark.sql.Row}s built by hand from Java. */
public final class Rows {
    private Rows() {}

    /** An array column's value: Spark's row encoder takes Scala sequences, not Java lists. */
    public static <T> Seq<T> array(List<T> values) {
        return CollectionConverters.asScala(values).toList();
    }
}
