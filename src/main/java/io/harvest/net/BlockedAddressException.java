package io.harvest.net;

import java.io.IOException;

/** The address policy refused the address a host name resolved to: nothing was sent to it. */
public final class BlockedAddressException extends IOException {
    private static final long serialVersionUID = 1L;

    public BlockedAddressException(String message) {
        super(message);
    }
}
