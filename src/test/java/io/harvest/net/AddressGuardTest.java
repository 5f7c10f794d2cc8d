package io.harvest.net;

import io.harvest.job.Status;
import static io.harvest.net.FetchTesting.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harvest.testing.Reply;
import io.harvest.testing.TestHttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.Promise;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The address guard. Whole-fetch tests only ever point at addresses of this machine (loopback,
 * 0.0.0.0, ::), so a broken guard would show as a request on the test server, never as a
 * packet leaving the machine; other refused addresses are checked on the guard's two layers
 * directly, where no socket can be opened.
 */
class AddressGuardTest {
    private static TestHttpServer server;

    @BeforeAll
    static void start() {
        server = TestHttpServer.start();
        server.on("/page").reply(Reply.html("<p>secret"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost.test", "[::ffff:127.0.0.1]", "[::1]",
            "2130706433"})
    void loopbackIsBlockedByDefaultAndNothingReachesIt(String host) {
        server.resetCounts();
        try (Fetcher fetcher = new Fetcher(local().addresses(AddressPolicy.PUBLIC_ONLY)
                .resolver(NameResolver.fixed(Map.of("localhost.test", "127.0.0.1",
                        "2130706433", "127.0.0.1")))
                .build())) {
            FetchResult r = fetcher.fetch("http://" + host + ":" + server.port() + "/page");
            assertEquals(Status.BLOCKED, r.status(), r.error());
            assertTrue(r.error().contains("loopback"), r.error());
            assertEquals(0, server.totalHits());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "[::]", "[::ffff:0.0.0.0]", "zero.test"})
    void unspecifiedAddressesAreBlockedWhateverIsAllowed(String host) {
        server.resetCounts();
        try (Fetcher fetcher = new Fetcher(local().addresses(new AddressPolicy(true, true, true))
                .resolver(NameResolver.fixed(Map.of("zero.test", "0.0.0.0")))
                .build())) {
            FetchResult r = fetcher.fetch("http://" + host + ":" + server.port() + "/page");
            assertEquals(Status.BLOCKED, r.status(), r.error());
            assertEquals(0, server.totalHits()); // 0.0.0.0 would have reached this server
        }
    }

    @Test
    void loopbackIsFetchedWhenAllowed() {
        try (Fetcher fetcher = new Fetcher(local().build())) {
            assertEquals(Status.OK, fetcher.fetch(server.url("/page")).status());
        }
    }

    @Test
    void onlyTheAllowedAddressesOfANameAreConnectedTo() {
        server.resetCounts();
        try (Fetcher fetcher = new Fetcher(local()
                .resolver(NameResolver.fixed(Map.of("mixed.test", "0.0.0.0,::,127.0.0.1")))
                .build())) {
            FetchResult r = fetcher.fetch(server.url("mixed.test", "/page"));
            assertEquals(Status.OK, r.status(), r.error());
        }
    }

    @ParameterizedTest
    @CsvSource({
            "metadata.test, 169.254.169.254, link-local",
            "aws6.test, fd00:ec2::254, link-local",
            "intranet.test, 10.1.2.3, private",
            "router.test, 192.168.0.1, private",
            "cgnat.test, 100.64.1.1, CGNAT",
            "v6private.test, fd12:3456::1, private",
            "linklocal6.test, fe80::1, link-local",
            "mapped.test, ::ffff:169.254.169.254, link-local",
            "multicast.test, 224.0.0.251, multicast",
            "loopback.test, 127.0.0.1, loopback",
    })
    void theResolverHookHandsJettyNoRefusedAddress(String name, String address, String kind) {
        GuardedResolver resolver = new GuardedResolver(NameResolver.fixed(Map.of(name, address)),
                AddressPolicy.PUBLIC_ONLY, Runnable::run, null, 1000);
        BlockedAddressException e = assertThrows(BlockedAddressException.class,
                () -> resolver.allowed(name, 80));
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains(kind), e.getMessage());
    }

    @Test
    void theResolverHookKeepsAllowedAddressesInOrder() throws Exception {
        GuardedResolver resolver = new GuardedResolver(
                NameResolver.fixed(Map.of("both.test", "10.0.0.1,93.184.216.34,8.8.8.8")),
                AddressPolicy.PUBLIC_ONLY, Runnable::run, null, 1000);
        assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("93.184.216.34"), 443),
                        new InetSocketAddress(InetAddress.getByName("8.8.8.8"), 443)),
                resolver.allowed("both.test", 443));
        GuardedResolver allowing = new GuardedResolver(
                NameResolver.fixed(Map.of("both.test", "10.0.0.1")),
                new AddressPolicy(false, true, false), Runnable::run, null, 1000);
        assertEquals(1, allowing.allowed("both.test", 80).size());
    }

    /**
     * The connect gate on its own. The connector is never started and the context carries no
     * transport, so even a broken gate could not open a socket: it would fail differently.
     */
    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "10.0.0.1", "fd00:ec2::254", "::ffff:127.0.0.1",
            "0.0.0.0"})
    void theConnectGateRefusesWhatThePolicyRefuses(String address) throws Exception {
        GuardedConnector connector = new GuardedConnector(AddressPolicy.PUBLIC_ONLY);
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Map<String, Object> context = new ConcurrentHashMap<>();
        context.put(ClientConnector.CONNECTION_PROMISE_CONTEXT_KEY,
                Promise.from(outcome::complete, outcome::completeExceptionally));
        connector.connect(new InetSocketAddress(InetAddress.getByName(
                address.contains(":") ? "[" + address + "]" : address), 80), context);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> outcome.get(5, TimeUnit.SECONDS));
        assertInstanceOf(BlockedAddressException.class, e.getCause());
    }

    /** The gate inside a real Jetty client whose own resolver lets loopback through. */
    @Test
    void theConnectGateStopsJettyEvenWhenItsResolverDoesNot() throws Exception {
        server.resetCounts();
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(
                new GuardedConnector(AddressPolicy.PUBLIC_ONLY)));
        client.start();
        try {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> client.GET(server.url("/page")));
            assertInstanceOf(BlockedAddressException.class, e.getCause());
            assertEquals(0, server.totalHits());
        } finally {
            client.stop();
        }
    }
}
