package io.harvest.net;

/** A URL the fetcher will not request: malformed, too long, or not http(s). */
final class InvalidUrlException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean wrongScheme;

    InvalidUrlException(String message, boolean wrongScheme) {
        super(message, null, false, false);
        this.wrongScheme = wrongScheme;
    }

    /** A well-formed URL whose scheme is not http or https (file:, javascript:, ftp:, ...). */
    boolean wrongScheme() {
        return wrongScheme;
    }
}
