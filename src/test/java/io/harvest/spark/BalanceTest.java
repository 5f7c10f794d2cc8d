package io.harvest.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BalanceTest {
    @Test
    void everyItemLandsInExactlyOneBin() {
        List<Long> items = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            items.add(i * 7919 % 10007);
        }
        List<List<Long>> bins = Balance.bins(items, 8, Long::longValue);
        assertEquals(8, bins.size());
        assertEquals(1000, bins.stream().mapToInt(List::size).sum());
        List<Long> all = bins.stream().flatMap(List::stream).sorted().toList();
        assertEquals(items.stream().sorted().toList(), all);
    }

    @Test
    void binsCarryAboutTheSameWeight() {
        List<Long> items = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            items.add(i < 10 ? 1_000_000L : 10_000L);
        }
        List<List<Long>> bins = Balance.bins(items, 4, Long::longValue);
        long[] weights = bins.stream().mapToLong(b -> b.stream().mapToLong(Long::longValue).sum()).toArray();
        long max = java.util.Arrays.stream(weights).max().orElseThrow();
        long min = java.util.Arrays.stream(weights).min().orElseThrow();
        assertTrue(max - min <= 1_000_000L, java.util.Arrays.toString(weights));
    }

    @Test
    void neverMoreBinsThanItemsAndOneBinWhenEmpty() {
        assertEquals(2, Balance.bins(List.of(1L, 2L), 8, Long::longValue).size());
        assertEquals(1, Balance.bins(List.<Long>of(), 8, Long::longValue).size());
    }

    private static List<Long> randomSizes(int count, long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<Long> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(200_000L + random.nextInt(2_800_000));
        }
        return items;
    }

    @Test
    void longestFirstKeepsEveryItemOnceLargestFirst() {
        List<Long> items = randomSizes(6000, 1);
        List<List<Long>> tasks = Balance.longestFirst(items, 2, Long::longValue);
        List<Long> inOrder = tasks.stream().flatMap(List::stream).toList();
        assertEquals(items.stream().sorted(java.util.Comparator.reverseOrder()).toList(), inOrder);
        assertTrue(tasks.size() >= 8 && tasks.size() <= 40, "tasks: " + tasks.size());
    }

    @Test
    void longestFirstTasksShrinkTowardTheEnd() {
        List<Long> items = randomSizes(6000, 2);
        long total = items.stream().mapToLong(Long::longValue).sum();
        List<List<Long>> tasks = Balance.longestFirst(items, 2, Long::longValue);
        long first = tasks.get(0).stream().mapToLong(Long::longValue).sum();
        long last = tasks.get(tasks.size() - 1).stream().mapToLong(Long::longValue).sum();
        assertTrue(first >= total / 5, "the first task takes a large share: " + first + " of " + total);
        assertTrue(last <= total / (2 * Balance.FINEST_SHARE) + 3_000_000L, "the last is small: " + last);
    }

    /**
     * Spark gives the next task to the first free slot. Simulated with real costs off the
     * weights by up to 50% per item, and one slot a third slower than the others (a machine
     * shared with another process): four equal bins per slot leave a slot idle for about a
     * fifth of its share (the old plan), tasks shrinking toward the end for under a tenth.
     */
    @Test
    void slotsFinishTogetherWhenRealCostsDifferFromTheWeights() {
        List<Long> items = randomSizes(6000, 3);
        for (int slots : new int[] {2, 8}) {
            double tail = idleTail(Balance.longestFirst(items, slots, Long::longValue), slots, items);
            assertTrue(tail < 0.1, slots + " slots: idle tail " + tail + " of a slot's share");
        }
        assertTrue(idleTail(Balance.bins(items, 8, Long::longValue), 2, items) > 0.1, "the simulation tells them apart");
    }

    /** The time from the first slot going idle to the end, over a slot's share of the work. */
    private static double idleTail(List<List<Long>> tasks, int slots, List<Long> items) {
        java.util.Random noise = new java.util.Random(4);
        double[] free = new double[slots];
        for (List<Long> task : tasks) {
            int slot = 0;
            for (int s = 1; s < slots; s++) {
                slot = free[s] < free[slot] ? s : slot;
            }
            double slowness = slot == 0 ? 1.33 : 1.0;
            for (long item : task) {
                free[slot] += item * (0.5 + noise.nextDouble()) * slowness;
            }
        }
        double end = java.util.Arrays.stream(free).max().orElseThrow();
        double firstIdle = java.util.Arrays.stream(free).min().orElseThrow();
        double total = items.stream().mapToLong(Long::longValue).sum();
        return (end - firstIdle) / (total / slots);
    }

    @Test
    void longestFirstOfNothingIsOneEmptyTask() {
        assertEquals(List.of(List.of()), Balance.longestFirst(List.<Long>of(), 2, Long::longValue));
        assertEquals(List.of(List.of(5L)), Balance.longestFirst(List.of(5L), 2, Long::longValue));
    }
}
