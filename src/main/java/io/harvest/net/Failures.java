package io.harvest.net;

import io.harvest.job.Status;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.InterruptedByTimeoutException;
import java.util.concurrent.TimeoutException;

/** Maps what ended a request early to its status and a one-line message for people. */
final class Failures {
    private static final int MAX_MESSAGE = 300;

    private Failures() {}

    static Status status(Throwable failure) {
        return own(cause(failure));
    }

    /** The exception in the chain that decides the status (the outermost one if none does). */
    static Throwable cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (own(t) != Status.CONNECTION_ERROR) {
                return t;
            }
        }
        return failure;
    }

    /** Failures of reaching the host at all: they count towards cutting the host off. */
    static boolean isConnectionLevel(Status status) {
        return status == Status.TIMEOUT || status == Status.CONNECTION_ERROR
                || status == Status.DNS_ERROR;
    }

    static String message(Throwable failure) {
        Throwable t = cause(failure);
        String text = t.getMessage();
        String kind = t.getClass().getSimpleName();
        if (t instanceof TooLargeException || t instanceof BlockedAddressException) {
            return text;
        }
        if (t instanceof EOFException) { // Jetty's message is a dump of its connection state
            return "connection closed before the response was complete";
        }
        boolean ours = t instanceof IOException || t instanceof TimeoutException;
        String prefix = ours ? "" : "internal error: ";
        String line = prefix + (text == null || text.isBlank() ? kind : kind + ": " + text);
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "...";
    }

    /** The status this exception alone stands for. */
    private static Status own(Throwable t) {
        if (t instanceof TooLargeException) {
            return Status.TOO_LARGE;
        }
        if (t instanceof BlockedAddressException) {
            return Status.BLOCKED;
        }
        if (t instanceof UnknownHostException) {
            return Status.DNS_ERROR;
        }
        if (t instanceof TimeoutException || t instanceof SocketTimeoutException
                || t instanceof InterruptedByTimeoutException) {
            return Status.TIMEOUT;
        }
        return Status.CONNECTION_ERROR;
    }
}
