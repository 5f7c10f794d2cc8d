package io.harvest.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.ToLongFunction;

/**
 * Spreads items over tasks for CPU-bound work, where a few large files or one slow task at
 * the end would otherwise leave cores idle. Items weigh their size plus a fixed cost, so that
 * many tiny files still spread.
 */
public final class Balance {
    /**
     * The last tasks of {@link #longestFirst} hold about 1 / (slots x this) of the work each:
     * the most a core can be left waiting for another at the end.
     */
    static final int FINEST_SHARE = 32;

    private Balance() {}

    /**
     * Tasks in the order they should run, largest items first and tasks shrinking toward the
     * end (guided self-scheduling): each task takes half of a slot's share of the work still
     * left, but never less than the finest share. Spark hands the next task to whichever slot
     * is free, so the slots finish within about one small task of each other, whatever the
     * real cost of the items turns out to be.
     *
     * @param slots the tasks that run at once (cores)
     */
    public static <T> List<List<T>> longestFirst(List<T> items, int slots, ToLongFunction<T> weight) {
        int n = Math.max(1, slots);
        long fixedCost = fixedCost(items, weight);
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingLong(weight).reversed());
        long remaining = 0;
        for (T item : sorted) {
            remaining += weight.applyAsLong(item) + fixedCost;
        }
        long finest = Math.max(1, remaining / ((long) n * FINEST_SHARE));
        List<List<T>> tasks = new ArrayList<>();
        List<T> task = new ArrayList<>();
        long target = Math.max(finest, remaining / (2L * n));
        long filled = 0;
        for (T item : sorted) {
            task.add(item);
            filled += weight.applyAsLong(item) + fixedCost;
            if (filled >= target) {
                tasks.add(task);
                remaining -= filled;
                task = new ArrayList<>();
                filled = 0;
                target = Math.max(finest, remaining / (2L * n));
            }
        }
        if (!task.isEmpty() || tasks.isEmpty()) {
            tasks.add(task);
        }
        return tasks;
    }

    /**
     * {@code binCount} bins of about the same total weight (largest first into the lightest
     * bin), and the same number of items as far as the weights allow.
     */
    public static <T> List<List<T>> bins(List<T> items, int binCount, ToLongFunction<T> weight) {
        int n = Math.max(1, Math.min(binCount, items.size()));
        List<List<T>> bins = new ArrayList<>(n);
        long fixedCost = fixedCost(items, weight);
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

    private static <T> long fixedCost(List<T> items, ToLongFunction<T> weight) {
        return Math.max(1, items.stream().mapToLong(weight).sum() / Math.max(1, items.size()) / 4);
    }
}
