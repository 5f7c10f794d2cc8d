package io.harvest.net;

/** How one URL's fetch ended: the manifest's status for it. */
public enum FetchStatus {
    OK("ok"),
    /** The server answered with a status that is not a success, after any retries. */
    HTTP_ERROR("http_error"),
    /** Connect, read or whole-request timeout, after any retries. */
    TIMEOUT("timeout"),
    DNS_ERROR("dns_error"),
    /** Refused, reset, or closed mid-body, after any retries. */
    CONNECTION_ERROR("connection_error"),
    /** Over the body limit, counted after content decoding. */
    TOO_LARGE("too_large"),
    /** An address or scheme the safety policy refuses (loopback, private, link-local, ...). */
    BLOCKED("blocked"),
    ROBOTS_DENIED("robots_denied"),
    INVALID_URL("invalid_url"),
    /** Too many redirects, a loop, or a redirect without a usable Location. */
    REDIRECT_ERROR("redirect_error"),
    /** The host failed at the connection level too many times in a row: not tried again. */
    HOST_UNREACHABLE("host_unreachable");

    private final String status;

    FetchStatus(String status) {
        this.status = status;
    }

    public String status() {
        return status;
    }
}
