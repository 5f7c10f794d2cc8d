package io.harvest.net;

/** One input item with the outcome of fetching its URL. */
public record Fetched<T>(T item, FetchResult result) {
}
