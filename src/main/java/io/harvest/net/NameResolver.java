package io.harvest.net;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Host name to addresses: the step before the address policy, which checks whatever comes
 * back. Serializable, so it travels to executors inside {@link FetchOptions}. Blocking: the
 * fetcher calls it on its own lookup threads.
 */
@FunctionalInterface
public interface NameResolver extends Serializable {

    /**
     * @param host a host name or an IP literal (IPv6 without brackets)
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The system's resolver (DNS, /etc/hosts), with the JVM's address cache. */
    static NameResolver system() {
        return SystemNames.INSTANCE;
    }

    /**
     * Only the given names, like curl's {@code --resolve}: every other name is unknown, and no
     * DNS query ever leaves the machine. IP literals resolve to themselves. A value may list
     * several addresses, comma-separated. For tests that need several host names on one
     * 127.0.0.1 server, or a name that points at a refused address.
     */
    static NameResolver fixed(Map<String, String> hostToAddress) {
        return new FixedNames(hostToAddress.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue)));
    }

    enum SystemNames implements NameResolver {
        INSTANCE;

        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            return List.of(InetAddress.getAllByName(host));
        }
    }

    record FixedNames(Map<String, String> names) implements NameResolver {
        private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            String addresses = names.getOrDefault(host.toLowerCase(Locale.ROOT), host);
            List<InetAddress> resolved = new ArrayList<>();
            for (String address : addresses.split(",")) {
                if (!isLiteral(address.trim())) {
                    throw new UnknownHostException(host + ": not a name this resolver knows");
                }
                resolved.add(literal(address.trim()));
            }
            return resolved;
        }

        private static boolean isLiteral(String s) {
            if (s.indexOf(':') >= 0) {
                return true;
            }
            if (!IPV4.matcher(s).matches()) {
                return false;
            }
            for (String part : s.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }

        /** Brackets make the JDK parse an IPv6 literal or fail, never ask DNS. */
        private static InetAddress literal(String s) throws UnknownHostException {
            return InetAddress.getByName(s.indexOf(':') >= 0 ? "[" + s + "]" : s);
        }
    }
}
