package io.harvest.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            // IPv4
            "8.8.8.8, PUBLIC",
            "93.184.216.34, PUBLIC",
            "127.0.0.1, LOOPBACK",
            "127.255.255.254, LOOPBACK",
            "10.0.0.1, PRIVATE",
            "172.16.0.1, PRIVATE",
            "172.31.255.255, PRIVATE",
            "172.32.0.1, PUBLIC",
            "192.168.1.1, PRIVATE",
            "100.64.0.1, SHARED",
            "100.127.255.255, SHARED",
            "100.128.0.1, PUBLIC",
            "169.254.169.254, LINK_LOCAL",
            "169.254.0.1, LINK_LOCAL",
            "224.0.0.1, MULTICAST",
            "239.255.255.250, MULTICAST",
            "0.0.0.0, UNSPECIFIED",
            "0.1.2.3, UNSPECIFIED",
            "255.255.255.255, RESERVED",
            "240.0.0.1, RESERVED",
            "192.0.2.1, RESERVED",
            "198.18.0.1, RESERVED",
            "203.0.113.9, RESERVED",
            // IPv6
            "::, UNSPECIFIED",
            "::1, LOOPBACK",
            "2606:4700::1111, PUBLIC",
            "fc00::1, PRIVATE",
            "fd12:3456::1, PRIVATE",
            "fd00:ec2::254, LINK_LOCAL",
            "fe80::1, LINK_LOCAL",
            "febf::1, LINK_LOCAL",
            "fec0::1, PRIVATE",
            "ff02::1, MULTICAST",
            "2001:db8::1, RESERVED",
            "2001:0:4136:e378::1, RESERVED",
            "100::1, RESERVED",
            // IPv4 inside IPv6: classified by the IPv4 address
            "::ffff:127.0.0.1, LOOPBACK",
            "::ffff:7f00:1, LOOPBACK",
            "::ffff:169.254.169.254, LINK_LOCAL",
            "::ffff:10.1.2.3, PRIVATE",
            "::ffff:0.0.0.0, UNSPECIFIED",
            "::ffff:8.8.8.8, PUBLIC",
            "::127.0.0.1, LOOPBACK",
            "::10.0.0.1, PRIVATE",
            "::ffff:0:127.0.0.1, LOOPBACK",
            "64:ff9b::a9fe:a9fe, LINK_LOCAL",
            "64:ff9b::808:808, PUBLIC",
            "64:ff9b:1::1, PRIVATE",
            "2002:7f00:1::, LOOPBACK",
            "2002:c0a8:101::1, PRIVATE",
            "2002:808:808::1, PUBLIC",
    })
    void classifies(String address, AddressClass expected) throws UnknownHostException {
        assertEquals(expected, AddressClass.of(literal(address)));
    }

    @ParameterizedTest(name = "{0} with loopback={1} private={2} link-local={3}: {4}")
    @CsvSource({
            "8.8.8.8, false, false, false, true",
            "127.0.0.1, false, false, false, false",
            "127.0.0.1, true, false, false, true",
            "::ffff:127.0.0.1, true, false, false, true",
            "::ffff:127.0.0.1, false, true, true, false",
            "10.0.0.1, false, true, false, true",
            "10.0.0.1, true, false, true, false",
            "100.64.0.1, false, true, false, true",
            "fd12::1, false, true, false, true",
            "169.254.169.254, false, true, false, false",
            "169.254.169.254, false, false, true, true",
            "fd00:ec2::254, false, true, false, false",
            "fe80::1, true, true, false, false",
            "0.0.0.0, true, true, true, false",
            "::, true, true, true, false",
            "224.0.0.1, true, true, true, false",
            "255.255.255.255, true, true, true, false",
    })
    void policyAllowsOnlyWhatItWasToldTo(String address, boolean loopback, boolean privateNets,
                                        boolean linkLocal, boolean allowed)
            throws UnknownHostException {
        AddressPolicy policy = new AddressPolicy(loopback, privateNets, linkLocal);
        assertEquals(allowed, policy.refusal(literal(address)).isEmpty());
    }

    @org.junit.jupiter.api.Test
    void refusalNamesTheAddressAndTheOptionThatAllowsIt() throws UnknownHostException {
        String why = AddressPolicy.PUBLIC_ONLY.refusal(literal("169.254.169.254")).orElseThrow();
        assertTrue(why.contains("169.254.169.254") && why.contains("link-local")
                && why.contains("--allow-link-local"), why);
        assertFalse(AddressPolicy.PUBLIC_ONLY.refusal(literal("1.1.1.1")).isPresent());
    }

    /** Brackets make the JDK parse the literal and never ask DNS. */
    private static InetAddress literal(String s) throws UnknownHostException {
        return InetAddress.getByName(s.contains(":") ? "[" + s + "]" : s);
    }
}
