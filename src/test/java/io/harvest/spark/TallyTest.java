package io.harvest.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.harvest.testing.SharedSpark;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TallyTest {
    @Test
    void countsByKeyAndByDimension() {
        Tally tally = new Tally();
        tally.count("status", "ok");
        tally.count("status", "ok");
        tally.count("status", "timeout");
        tally.add("bytes", 300);
        assertEquals(300, tally.get("bytes"));
        assertEquals(0, tally.get("absent"));
        assertEquals(java.util.Map.of("ok", 2L, "timeout", 1L), tally.dimension("status"));

        Tally other = tally.copy();
        other.add("bytes", 1);
        tally.merge(other);
        assertEquals(601, tally.get("bytes"));
        assertEquals(4, tally.dimension("status").get("ok"));
    }

    /**
     * An executor's heartbeat thread reads and serializes the tally while the task adds to it:
     * neither side may fail (a plain HashMap throws ConcurrentModificationException here).
     */
    @Test
    void aHeartbeatCanReadAndSerializeTheTallyWhileATaskAddsToIt() throws Exception {
        Tally tally = executorCopy(Tally.register(SharedSpark.get().sparkContext(), "tally-test"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread task = new Thread(() -> {
            for (int i = 0; i < 200_000; i++) {
                tally.count("url", Integer.toString(i));
            }
        });
        task.start();
        while (task.isAlive()) {
            try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
                tally.isZero();
                tally.dimension("url");
                out.writeObject(tally);
            } catch (IOException | RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }
        task.join();
        assertNull(failure.get());
        assertEquals(200_000, tally.dimension("url").size());
    }

    /** The tally as a task gets it: serialized by the driver, deserialized on the executor. */
    private static Tally executorCopy(Tally registered) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(registered);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Tally) in.readObject();
        }
    }
}
