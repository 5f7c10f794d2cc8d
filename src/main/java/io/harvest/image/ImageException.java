package io.harvest.image;

/** An image that cannot be thumbnailed, with the reason as a manifest status. */
public class ImageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ImageFailure failure;

    public ImageException(ImageFailure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public ImageException(ImageFailure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public ImageFailure failure() {
        return failure;
    }
}
