package io.harvest.images;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/** A manifest row as the {@code <key>.json} of a WebDataset sample: every column but bytes. */
final class SampleJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleJson() {}

    static byte[] of(StructType schema, Row row) {
        try {
            return JSON.writeValueAsString(map(schema, row)).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest row that is not JSON: " + e, e);
        }
    }

    private static Map<String, Object> map(StructType schema, Row row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < schema.size(); i++) {
            var field = schema.fields()[i];
            if (field.dataType() instanceof BinaryType
                    || (field.dataType() instanceof ArrayType a && a.elementType() instanceof BinaryType)) {
                continue;
            }
            m.put(field.name(), value(field.dataType(), row.get(i)));
        }
        return m;
    }

    private static Object value(org.apache.spark.sql.types.DataType type, Object v) {
        if (v == null) {
            return null;
        }
        if (type instanceof StructType s) {
            return map(s, (Row) v);
        }
        if (type instanceof ArrayType a) {
            List<Object> out = new ArrayList<>();
            Iterable<?> values = v instanceof Seq<?> seq ? CollectionConverters.asJava(seq) : (List<?>) v;
            for (Object e : values) {
                out.add(value(a.elementType(), e));
            }
            return out;
        }
        return v instanceof java.sql.Timestamp || v instanceof java.sql.Date ? v.toString() : v;
    }
}
