package io.harvest.cli;

import io.harvest.HarvestException;
import io.harvest.io.FileListing;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;

/** Checks that need no Spark session, so that a typo fails at once. */
final class Inputs {
    private Inputs() {}

    /**
     * Fails with a message naming the input when it is a local path that does not exist.
     * Remote inputs (hdfs://, s3a://, ...) are checked once the session is up.
     */
    static void requireLocalExists(String input) {
        if (FileListing.isGlob(input)) {
            return;
        }
        java.nio.file.Path local = localPath(input);
        if (local != null && !Files.exists(local)) {
            throw new HarvestException("input not found: " + input);
        }
    }

    static void requireDifferent(String input, String output) {
        java.nio.file.Path in = localPath(input);
        java.nio.file.Path out = localPath(output);
        if (in != null && out != null
                && in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new HarvestException("the output folder must not be the input folder: " + output);
        }
    }

    /** The local path of a plain or file: path; null for any other scheme. */
    private static java.nio.file.Path localPath(String path) {
        try {
            URI uri = new URI(path);
            if (uri.getScheme() == null) {
                return Paths.get(path);
            }
            return uri.getScheme().equals("file") ? Paths.get(uri) : null;
        } catch (Exception e) {
            return Paths.get(path);
        }
    }
}
