package io.harvest.image;

import io.harvest.job.Status;

/** An image that cannot be thumbnailed, with the reason as a manifest status. */
public class ImageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Status failure;

    public ImageException(Status failure, String message) {
        super(message);
        this.failure = failure;
    }

    public ImageException(Status failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public Status failure() {
        return failure;
    }
}
