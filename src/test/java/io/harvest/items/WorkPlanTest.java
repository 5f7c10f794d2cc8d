package io.harvest.items;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harvest.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkPlanTest {
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path dir;

    @Test
    void aBigHostIsSpreadOverEveryTaskWithItsShareAndSmallHostsStayWhole() throws IOException {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            urls.add("http://cdn.example/img/" + i + ".jpg");
        }
        for (int i = 0; i < 3; i++) {
            urls.add("http://small.example/" + i + ".jpg");
        }
        Path in = Files.write(dir.resolve("urls.txt"), urls);
        UrlInput.Table table = UrlInput.read(spark, in.toString(), InputFormat.AUTO, "url", Set.of());
        WorkPlan.Plan plan = WorkPlan.plan(spark, table, 4, WorkPlan.Spread.SPLIT_BIG_HOSTS);
        assertEquals(63, plan.count());
        assertEquals(4, plan.widestSpread());
        List<List<WorkItem>> tasks = plan.items().glom().collect();
        assertEquals(4, tasks.size());
        for (List<WorkItem> task : tasks) {
            long cdn = task.stream().filter(w -> "cdn.example".equals(w.host())).count();
            assertEquals(15, cdn, "each task gets a quarter of the big host");
            task.stream().filter(w -> "cdn.example".equals(w.host()))
                    .forEach(w -> assertEquals(4, w.share()));
        }
        Set<Integer> holdingSmall = new java.util.HashSet<>();
        for (int t = 0; t < tasks.size(); t++) {
            for (WorkItem w : tasks.get(t)) {
                if ("small.example".equals(w.host())) {
                    holdingSmall.add(t);
                    assertEquals(1, w.share());
                }
            }
        }
        assertEquals(1, holdingSmall.size(), "a small host stays in one task");
        assertEquals(63, tasks.stream().flatMap(List::stream).map(WorkItem::item)
                .collect(Collectors.toSet()).size());
    }

    @Test
    void withoutSpreadingAHostStaysInOneTask() throws IOException {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            urls.add("http://cdn.example/" + i);
        }
        Path in = Files.write(dir.resolve("one.txt"), urls);
        UrlInput.Table table = UrlInput.read(spark, in.toString(), InputFormat.AUTO, "url", Set.of());
        WorkPlan.Plan plan = WorkPlan.plan(spark, table, 4);
        assertEquals(1, plan.widestSpread());
        assertEquals(1, plan.items().glom().collect().stream().filter(t -> !t.isEmpty()).count());
    }
}
