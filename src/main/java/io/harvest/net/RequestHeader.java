package io.harvest.net;

import io.harvest.HarvestException;
import java.io.Serializable;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An extra request header, such as an API key. */
public record RequestHeader(String name, String value) implements Serializable {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    public RequestHeader {
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("not a header name: '" + name + "'");
        }
        if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException("header " + name + ": its value holds a line break");
        }
    }

    /**
     * Parses {@code Name: value}, with every {@code ${VAR}} replaced by that environment
     * variable, so that secrets stay out of job files and command lines.
     *
     * @throws HarvestException naming the variable when one is not set
     */
    public static RequestHeader parse(String text, Map<String, String> environment) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a header looks like 'Name: value', not '" + text + "'");
        }
        String name = text.substring(0, colon).strip();
        Matcher m = VARIABLE.matcher(text.substring(colon + 1).strip());
        StringBuilder value = new StringBuilder();
        while (m.find()) {
            String v = environment.get(m.group(1));
            if (v == null) {
                throw new HarvestException("--header " + name + ": the environment variable " + m.group(1)
                        + " is not set");
            }
            m.appendReplacement(value, Matcher.quoteReplacement(v));
        }
        m.appendTail(value);
        return new RequestHeader(name, value.toString());
    }

    /** The value with its secret hidden, for logs and messages. */
    @Override
    public String toString() {
        return name + ": ***";
    }
}
