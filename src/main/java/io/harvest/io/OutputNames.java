package io.harvest.io;

import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;

/**
 * Turns a relative name (from a source listing, a URL, a manifest) into a path under an
 * output folder, refusing every name that could land anywhere else.
 */
public final class OutputNames {
    private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]+");

    private OutputNames() {}

    /**
     * The path of {@code relative} under {@code root}.
     *
     * @throws UnsafeNameException for an absolute name, a {@code ..} or {@code .}
     *         segment, an empty name, a drive or scheme prefix, or a control character
     */
    public static Path under(Path root, String relative) {
        return new Path(root, check(relative));
    }

    /** The name itself when it is safe to put under an output folder. */
    public static String check(String relative) {
        if (relative == null || relative.isEmpty()) {
            throw new UnsafeNameException("empty output name");
        }
        if (relative.startsWith("/") || relative.startsWith("\\")
                || relative.endsWith("/") || relative.endsWith("\\")) {
            throw new UnsafeNameException("absolute or folder output name: " + relative);
        }
        for (int i = 0; i < relative.length(); i++) {
            char c = relative.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ':') {
                // ':' would be read by Hadoop's Path as a scheme or drive.
                throw new UnsafeNameException("unsafe character in output name: "
                        + relative.replaceAll("\\p{Cntrl}", "?"));
            }
        }
        for (String segment : SEPARATORS.split(relative)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new UnsafeNameException("output name leaves its folder: " + relative);
            }
        }
        return relative.replace('\\', '/');
    }

    /** A name that would land outside its output folder, or that no file system can hold. */
    public static final class UnsafeNameException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnsafeNameException(String message) {
            super(message);
        }
    }
}
