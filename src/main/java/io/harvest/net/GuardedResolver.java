package io.harvest.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Jetty's DNS hook: resolves on the fetcher's own lookup threads (lookups block, and must not
 * hold Jetty's I/O threads), with a timeout, and hands Jetty only the addresses the policy
 * allows, so those are the only ones it can connect to. IP-literal hosts come through here
 * too. A host whose every address is refused fails with {@link BlockedAddressException}.
 */
final class GuardedResolver implements SocketAddressResolver {
    private final NameResolver names;
    private final AddressPolicy policy;
    private final Executor lookups;
    private final Scheduler scheduler;
    private final long timeoutMillis;

    GuardedResolver(NameResolver names, AddressPolicy policy, Executor lookups, Scheduler scheduler,
                    long timeoutMillis) {
        this.names = names;
        this.policy = policy;
        this.lookups = lookups;
        this.scheduler = scheduler;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context,
                        Promise<List<InetSocketAddress>> promise) {
        AtomicBoolean done = new AtomicBoolean();
        Scheduler.Task timeout = scheduler.schedule(() -> {
            if (done.compareAndSet(false, true)) {
                promise.failed(new UnknownHostException(
                        host + ": DNS lookup timed out after " + timeoutMillis + " ms"));
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            lookups.execute(() -> {
                try {
                    List<InetSocketAddress> allowed = allowed(host, port);
                    if (done.compareAndSet(false, true)) {
                        timeout.cancel();
                        promise.succeeded(allowed);
                    }
                } catch (Throwable x) {
                    if (done.compareAndSet(false, true)) {
                        timeout.cancel();
                        promise.failed(x);
                    }
                }
            });
        } catch (RuntimeException rejected) {
            if (done.compareAndSet(false, true)) {
                timeout.cancel();
                promise.failed(rejected);
            }
        }
    }

    /** The resolved addresses the policy allows, in the resolver's order. */
    List<InetSocketAddress> allowed(String host, int port) throws java.io.IOException {
        String name = host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> all = names.resolve(name);
        if (all.isEmpty()) {
            throw new UnknownHostException(name + ": no addresses");
        }
        List<InetSocketAddress> allowed = new ArrayList<>(all.size());
        String firstRefusal = null;
        for (InetAddress address : all) {
            Optional<String> refusal = policy.refusal(address);
            if (refusal.isEmpty()) {
                allowed.add(new InetSocketAddress(address, port));
            } else if (firstRefusal == null) {
                firstRefusal = refusal.get();
            }
        }
        if (allowed.isEmpty()) {
            boolean literal = all.size() == 1 && all.get(0).getHostAddress().equalsIgnoreCase(name);
            throw new BlockedAddressException(literal ? firstRefusal : name + ": " + firstRefusal);
        }
        return allowed;
    }
}
