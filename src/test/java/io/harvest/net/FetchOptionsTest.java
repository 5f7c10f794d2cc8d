package io.harvest.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.Version;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FetchOptionsTest {

    @Test
    void defaultsAreTheFetchJobsDocumentedOnes() {
        FetchOptions o = FetchOptions.defaults();
        assertEquals(64, o.concurrency());
        assertEquals(2, o.maxPerHost());
        assertEquals(Duration.ZERO, o.hostDelay());
        assertEquals(2, o.retries());
        assertEquals(Duration.ofSeconds(10), o.connectTimeout());
        assertEquals(Duration.ofSeconds(30), o.requestTimeout());
        assertEquals(10L << 20, o.maxBytes());
        assertEquals(5, o.maxRedirects());
        assertTrue(o.obeyRobots());
        assertEquals(AddressPolicy.PUBLIC_ONLY, o.addresses());
        assertEquals(10, o.hostFailureLimit());
        assertEquals(KeepBodies.HTML, o.keepBodies());
        assertTrue(o.userAgent().startsWith("Harvest/" + Version.get() + " ("), o.userAgent());
        assertEquals(1024, o.effectiveLookAhead());
        assertEquals(16 * 1024, o.toBuilder().concurrency(1024).build().effectiveLookAhead());
    }

    @Test
    void travelsToExecutorsResolverIncluded() throws Exception {
        FetchOptions o = FetchOptions.defaults().toBuilder().concurrency(7)
                .resolver(NameResolver.fixed(Map.of("a.test", "127.0.0.1"))).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        FetchOptions back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (FetchOptions) in.readObject();
        }
        assertEquals(o, back);
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), back.resolver().resolve("A.test"));
    }

    @Test
    void refusesSettingsThatCannotWork() {
        FetchOptions.Builder b = FetchOptions.defaults().toBuilder();
        assertThrows(IllegalArgumentException.class, () -> b.concurrency(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> FetchOptions.defaults().toBuilder().maxPerHost(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> FetchOptions.defaults().toBuilder().retries(-1).build());
        assertThrows(IllegalArgumentException.class,
                () -> FetchOptions.defaults().toBuilder().maxBytes(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> FetchOptions.defaults().toBuilder().maxBytes(3L << 30).build());
        assertThrows(IllegalArgumentException.class,
                () -> FetchOptions.defaults().toBuilder().requestTimeout(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class,
                () -> FetchOptions.defaults().toBuilder().hostDelay(Duration.ofSeconds(-1)).build());
        assertThrows(IllegalArgumentException.class,
                () -> FetchOptions.defaults().toBuilder().userAgent(" ").build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FetchOptions.defaults().toBuilder().hostFailureLimit(0).build());
        assertTrue(e.getMessage().contains("hostFailureLimit"), e.getMessage());
    }

    @Test
    void theRobotsNameIsTheUserAgentsProductToken() {
        assertEquals("harvest", Robots.productToken(FetchOptions.defaultUserAgent()));
        assertEquals("mybot", Robots.productToken("MyBot/1.0 (+https://example.com)"));
        assertEquals("plain", Robots.productToken("plain"));
    }
}
