package io.harvest.cli;

import io.harvest.image.OutputFormat;
import java.util.Locale;
import picocli.CommandLine;

/** {@code --format}: jpg, png, webp or same, with a message that lists them. */
public final class ThumbnailFormatConverter implements CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
        try {
            return OutputFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a thumbnail format: jpg, png, webp or same");
        }
    }
}
