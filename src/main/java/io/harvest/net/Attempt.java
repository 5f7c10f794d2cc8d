package io.harvest.net;

import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.Request;

/** One request of a job, running: what it was for and when the run stops waiting for it. */
final class Attempt<T> {
    final Pending<T> job;
    final HostQueue<T> host;
    final long deadlineNanos;
    /** Set by the run's thread once sent; read by it to abort. */
    Request request;

    Attempt(Pending<T> job, HostQueue<T> host, long deadlineNanos) {
        this.job = job;
        this.host = host;
        this.deadlineNanos = deadlineNanos;
    }

    void abort() {
        if (request != null) {
            request.abort(new TimeoutException("given up by the fetch watchdog"));
        }
    }
}
