package io.harvest.net;

import java.io.IOException;

/** The body is over the limit: reading stopped there, and nothing past it was kept. */
final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
        super(message, null);
    }
}
