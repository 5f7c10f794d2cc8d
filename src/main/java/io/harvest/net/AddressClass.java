package io.harvest.net;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * What kind of address an IP address is, for the safety policy. IPv6 forms that carry an IPv4
 * address (mapped, compatible, SIIT, NAT64, 6to4) are classified by the IPv4 address inside,
 * so {@code ::ffff:127.0.0.1} is loopback like {@code 127.0.0.1}.
 */
public enum AddressClass {
    PUBLIC("public"),
    LOOPBACK("loopback"),
    /** 10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10, local-use NAT64. */
    PRIVATE("private"),
    /** 100.64/10: carrier-grade NAT, treated as private. */
    SHARED("shared (CGNAT)"),
    /** 169.254/16 and fe80::/10, where cloud metadata services live (and fd00:ec2::254). */
    LINK_LOCAL("link-local"),
    MULTICAST("multicast"),
    /** 0.0.0.0/8 and ::, which reach the local machine when connected to. */
    UNSPECIFIED("unspecified"),
    /** Documentation, benchmarking, broadcast, Teredo and unassigned ranges: never a web server. */
    RESERVED("reserved");

    private final String label;

    AddressClass(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static AddressClass of(InetAddress address) {
        byte[] b = address.getAddress();
        return address instanceof Inet4Address ? ofV4(b, 0) : ofV6(b);
    }

    private static AddressClass ofV4(byte[] b, int at) {
        int a0 = b[at] & 0xff;
        int a1 = b[at + 1] & 0xff;
        int a2 = b[at + 2] & 0xff;
        if (a0 == 0) {
            return UNSPECIFIED;
        }
        if (a0 == 127) {
            return LOOPBACK;
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return PRIVATE;
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return SHARED;
        }
        if (a0 == 169 && a1 == 254) {
            return LINK_LOCAL;
        }
        if (a0 >= 224 && a0 < 240) {
            return MULTICAST;
        }
        boolean reserved = a0 >= 240
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))
                || (a0 == 192 && a1 == 88 && a2 == 99)
                || (a0 == 198 && (a1 & 0xfe) == 18)
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113);
        return reserved ? RESERVED : PUBLIC;
    }

    private static AddressClass ofV6(byte[] b) {
        if (zeros(b, 0, 10)) {
            boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            boolean compatible = b[10] == 0 && b[11] == 0;
            if (compatible && zeros(b, 12, 15)) {
                return b[15] == 1 ? LOOPBACK : UNSPECIFIED; // ::1, and :: and its neighbours
            }
            if (mapped || compatible) {
                return ofV4(b, 12);
            }
        }
        int w0 = word(b, 0);
        int w1 = word(b, 2);
        if (zeros(b, 0, 8) && word(b, 8) == 0xffff && word(b, 10) == 0) {
            return ofV4(b, 12); // SIIT ::ffff:0:a.b.c.d
        }
        if (w0 == 0x64 && w1 == 0xff9b) {
            return zeros(b, 4, 12) ? ofV4(b, 12) : word(b, 4) == 1 ? PRIVATE : RESERVED;
        }
        if (w0 == 0x2002) {
            return ofV4(b, 2); // 6to4
        }
        if (w0 == 0x2001 && (w1 == 0 || w1 == 0x0db8)) {
            return RESERVED; // Teredo, documentation
        }
        if ((w0 & 0xfe00) == 0xfc00) {
            return isAwsMetadata(b) ? LINK_LOCAL : PRIVATE;
        }
        if ((w0 & 0xffc0) == 0xfe80) {
            return LINK_LOCAL;
        }
        if ((w0 & 0xffc0) == 0xfec0) {
            return PRIVATE;
        }
        if ((w0 & 0xff00) == 0xff00) {
            return MULTICAST;
        }
        // Only 2000::/3 is global unicast; the rest is unassigned or special (100::/64 ...).
        return (w0 & 0xe000) == 0x2000 ? PUBLIC : RESERVED;
    }

    /** fd00:ec2::254, the IPv6 address of AWS's instance metadata service. */
    private static boolean isAwsMetadata(byte[] b) {
        return word(b, 0) == 0xfd00 && word(b, 2) == 0x0ec2 && zeros(b, 4, 14)
                && word(b, 14) == 0x0254;
    }

    private static int word(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
