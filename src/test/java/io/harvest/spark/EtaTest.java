package io.harvest.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtaTest {
    private static List<ProgressSample> samples(long[][] atAndDone) {
        List<ProgressSample> out = new ArrayList<>();
        for (long[] s : atAndDone) {
            out.add(new ProgressSample(s[0], s[1], 0, 2));
        }
        return out;
    }

    @Test
    void estimatesNothingWhileTheJvmWarmsUp() {
        // The demo's first line read "1/300 · 0.2/s · 1496 s left": one item after 5 s of warm-up.
        List<ProgressSample> warmUp = samples(new long[][] {{1000, 0}, {2000, 0}, {3000, 0}, {4000, 0}, {5000, 1}});
        assertTrue(Eta.recentRate(warmUp).isEmpty());
        assertTrue(Eta.secondsLeft(warmUp, 300).isEmpty());
    }

    @Test
    void rateCountsFromTheFirstItemNotFromTheStart() {
        // 5 s of warm-up, then 40 items a second.
        List<ProgressSample> run = samples(new long[][] {{1000, 0}, {4000, 0}, {5000, 1}, {6000, 41},
            {7000, 81}, {8000, 121}});
        assertEquals(40.0, Eta.recentRate(run).getAsDouble(), 1e-9);
        assertEquals((300 - 121) / 40.0, Eta.secondsLeft(run, 300).getAsDouble(), 1e-9);
    }

    @Test
    void rateFollowsTheLastThirtySecondsWhenTheRunSlowsDown() {
        List<ProgressSample> run = new ArrayList<>();
        long done = 0;
        for (int t = 1; t <= 100; t++) {
            done += t <= 60 ? 100 : 10; // a fast start, then a slow tail
            run.add(new ProgressSample(t * 1000L, done, 0, 1));
        }
        assertEquals(10.0, Eta.recentRate(run).getAsDouble(), 1e-9);
    }

    @Test
    void tooFewItemsOrTooShortAStretchIsStillEstimating() {
        assertTrue(Eta.recentRate(samples(new long[][] {{1000, 1}, {5000, 5}})).isEmpty(), "4 items");
        assertTrue(Eta.recentRate(samples(new long[][] {{1000, 1}, {1500, 500}})).isEmpty(), "half a second");
        assertTrue(Eta.secondsLeft(samples(new long[][] {{1000, 1}, {9000, 500}}), -1).isEmpty(),
                "unknown total");
    }
}
