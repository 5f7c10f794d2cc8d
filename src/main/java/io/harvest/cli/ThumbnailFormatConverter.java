package io.harvest.cli;

import io.harvest.image.OutputFormat;
import java.util.Locale;
import picocli.CommandLine;

/**
 * {@code --format}: jpg, png or same. WebP is refused with the reason, not picocli's bare list:
 * a maintained JVM encoder exists (com.github.usefulness:webp-imageio, libwebp through JNI) but
 * is not wired into the thumbnailer yet.
 */
public final class ThumbnailFormatConverter implements CommandLine.ITypeConverter<OutputFormat> {
    static final String NO_WEBP = "WebP output is not supported yet (the thumbnailer has no WebP encoder"
            + " wired in); use jpg, png or same";

    @Override
    public OutputFormat convert(String value) {
        String name = value.strip().toUpperCase(Locale.ROOT);
        if (name.equals("WEBP")) {
            throw new CommandLine.TypeConversionException(NO_WEBP);
        }
        try {
            return OutputFormat.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a thumbnail format: jpg, png or same");
        }
    }
}
