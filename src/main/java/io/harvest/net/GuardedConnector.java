package io.harvest.net;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import org.eclipse.jetty.io.ClientConnector;

/**
 * The last gate before a socket connects: every address Jetty is about to connect to is
 * checked against the policy again, whatever produced it. The resolver already filters, so
 * this only fires if some path bypassed it; it is cheap and makes the guarantee local.
 */
final class GuardedConnector extends ClientConnector {
    private final AddressPolicy policy;

    GuardedConnector(AddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void connect(SocketAddress address, Map<String, Object> context) {
        String refusal = refusal(address);
        if (refusal != null) {
            connectFailed(null, address, new BlockedAddressException(refusal), context);
            return;
        }
        super.connect(address, context);
    }

    private String refusal(SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet) || inet.isUnresolved()) {
            return "refusing to connect to an unchecked address: " + address;
        }
        return policy.refusal(inet.getAddress()).orElse(null);
    }
}
