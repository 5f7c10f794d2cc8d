package io.harvest;

/**
 * A problem with what the user asked for (a bad argument, a missing input): the job cannot
 * start, and the message alone must tell the user what to fix. Problems with single items
 * never throw this; they become failed rows in the manifest.
 */
public class HarvestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HarvestException(String message) {
        super(message);
    }

    public HarvestException(String message, Throwable cause) {
        super(message, cause);
    }
}
