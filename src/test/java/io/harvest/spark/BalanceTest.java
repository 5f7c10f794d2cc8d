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
}
