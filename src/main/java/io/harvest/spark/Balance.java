package io.harvest.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.ToLongFunction;

/**
 * Spreads items over a number of bins so that each bin has about the same total weight
 * (largest first into the lightest bin), and the same number of items as far as the weights
 * allow. For CPU-bound work where a few large files would otherwise make one straggler task.
 */
public final class Balance {
    private Balance() {}

    public static <T> List<List<T>> bins(List<T> items, int binCount, ToLongFunction<T> weight) {
        int n = Math.max(1, Math.min(binCount, items.size()));
        List<List<T>> bins = new ArrayList<>(n);
        // Weight each item by its size plus a fixed cost, so that many tiny files still spread.
        long fixedCost = Math.max(1, items.stream().mapToLong(weight).sum() / Math.max(1, items.size()) / 4);
        PriorityQueue<long[]> lightest = new PriorityQueue<>(
                Comparator.<long[]>comparingLong(b -> b[0]).thenComparingLong(b -> b[1]));
        for (int i = 0; i < n; i++) {
            bins.add(new ArrayList<>());
            lightest.add(new long[] {0, i});
        }
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingLong(weight).reversed());
        for (T item : sorted) {
            long[] bin = lightest.poll();
            bins.get((int) bin[1]).add(item);
            bin[0] += weight.applyAsLong(item) + fixedCost;
            lightest.add(bin);
        }
        return bins;
    }
}
