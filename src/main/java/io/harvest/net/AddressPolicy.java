package io.harvest.net;

import java.io.Serializable;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Which addresses a fetcher may connect to. Public addresses always; loopback, private (CGNAT
 * included) and link-local only when allowed, each on its own; multicast, unspecified and
 * reserved never. Checked on the address actually connected to, after DNS, on every hop.
 */
public record AddressPolicy(boolean allowLoopback, boolean allowPrivate, boolean allowLinkLocal)
        implements Serializable {

    /** The default: public addresses only. */
    public static final AddressPolicy PUBLIC_ONLY = new AddressPolicy(false, false, false);
    /** For tests and benchmarks against a server on 127.0.0.1. */
    public static final AddressPolicy LOOPBACK_TOO = new AddressPolicy(true, false, false);

    public boolean allows(AddressClass kind) {
        return switch (kind) {
            case PUBLIC -> true;
            case LOOPBACK -> allowLoopback;
            case PRIVATE, SHARED -> allowPrivate;
            case LINK_LOCAL -> allowLinkLocal;
            case MULTICAST, UNSPECIFIED, RESERVED -> false;
        };
    }

    /** Why connecting to this address is refused, or empty when it is allowed. */
    public Optional<String> refusal(InetAddress address) {
        AddressClass kind = AddressClass.of(address);
        if (allows(kind)) {
            return Optional.empty();
        }
        String hint = switch (kind) {
            case LOOPBACK -> " (allow with --allow-loopback)";
            case PRIVATE, SHARED -> " (allow with --allow-private)";
            case LINK_LOCAL -> " (allow with --allow-link-local)";
            default -> "";
        };
        String article = kind == AddressClass.UNSPECIFIED ? " is an " : " is a ";
        return Optional.of(address.getHostAddress() + article + kind.label() + " address" + hint);
    }
}
