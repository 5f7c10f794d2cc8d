package io.harvest.spark;

import java.io.Serializable;
import org.apache.spark.util.LongAccumulator;

/** What tasks report as they finish items; read by the driver's {@link Progress}. */
public final class ProgressCounter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final LongAccumulator done;
    private final LongAccumulator failed;

    ProgressCounter(LongAccumulator done, LongAccumulator failed) {
        this.done = done;
        this.failed = failed;
    }

    public void finished(boolean itemFailed) {
        done.add(1);
        if (itemFailed) {
            failed.add(1);
        }
    }

    LongAccumulator done() {
        return done;
    }

    LongAccumulator failed() {
        return failed;
    }
}
