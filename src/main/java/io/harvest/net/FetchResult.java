package io.harvest.net;

import io.harvest.job.Status;

/**
 * The outcome of fetching one URL.
 *
 * @param url         the URL as given
 * @param finalUrl    the URL of the last response, after redirects; null when nothing answered
 * @param httpStatus  the last HTTP status; null when no response came
 * @param error       what went wrong, for people; null when ok
 * @param contentType the Content-Type header as sent, with its parameters
 * @param bytes       body bytes received, after content decoding
 * @param body        the body, when the fetcher was asked to keep bodies of this type; never
 *                    more than the body limit
 * @param sha256      hex SHA-256 of the (decoded) body; null when no body was read in full
 * @param attempts    requests made for this URL, retries included (redirect hops not counted)
 * @param elapsedMs   from the first attempt to the end of the last
 * @param fetchedAtMillis when the last response arrived (epoch millis)
 * @param robotsTag   the last response's X-Robots-Tag headers, one per line; null when none
 */
public record FetchResult(String url, String finalUrl, Status status, Integer httpStatus,
                          String error, String contentType, long bytes, byte[] body, String sha256,
                          int attempts, long elapsedMs, long fetchedAtMillis, String robotsTag) {
    public boolean ok() {
        return status == Status.OK;
    }
}
