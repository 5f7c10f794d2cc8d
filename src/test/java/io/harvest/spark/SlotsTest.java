package io.harvest.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SlotsTest {
    private static SparkConf conf(String... pairs) {
        SparkConf conf = new SparkConf(false);
        for (int i = 0; i < pairs.length; i += 2) {
            conf.set(pairs[i], pairs[i + 1]);
        }
        return conf;
    }

    @Test
    void aStandaloneSubmitPlansForTheCoresItAskedForBeforeItsExecutorsRegister() {
        // --total-executor-cores 16; no executor up yet, so Spark's default parallelism is 2.
        assertEquals(16, Slots.of(conf("spark.cores.max", "16"), 2));
    }

    @Test
    void yarnAndKubernetesCountExecutorsTimesTheirCores() {
        assertEquals(80, Slots.of(conf("spark.executor.instances", "20", "spark.executor.cores", "4"), 64));
        assertEquals(20, Slots.of(conf("spark.executor.instances", "20"), 2), "one core each by default");
    }

    @Test
    void tasksOfSeveralCoresLeaveFewerSlots() {
        assertEquals(8, Slots.of(conf("spark.cores.max", "16", "spark.task.cpus", "2"), 2));
    }

    @Test
    void theRegisteredCoresCountWhenTheyAreMoreOrNothingWasAskedFor() {
        assertEquals(2, Slots.of(conf(), 2), "local[2], or a cluster that gives what it has");
        assertEquals(24, Slots.of(conf("spark.cores.max", "16"), 24));
    }

    @Test
    void aDefaultParallelismTheUserSetIsTakenAsItIs() {
        assertEquals(6, Slots.of(conf("spark.default.parallelism", "6", "spark.cores.max", "16"), 6));
    }
}
