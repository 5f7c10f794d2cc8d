package io.harvest.image;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether native JPEG decoders and encoders can run, decided once: the first failure to load
 * or link one (library missing, binding and library of different versions) is remembered, so every later
 * thumbnailer goes straight to the pure-Java route instead of failing again per image.
 */
final class NativeJpeg {
    /** Set to false ({@code -Dharvest.image.native=false}) to use the pure-Java route only. */
    static final String SWITCH = "harvest.image.native";
    /** No native decoder at all. */
    static final NativeJpeg NONE = new NativeJpeg(null);

    private static final Logger LOG = LoggerFactory.getLogger(NativeJpeg.class);
    private static NativeJpeg shared;

    private final NativeJpegDecoder.Provider provider;
    private volatile Throwable failure;

    NativeJpeg(NativeJpegDecoder.Provider provider) {
        this.provider = provider;
    }

    /** This JVM's native route: the provider registered as a service, unless switched off. */
    static synchronized NativeJpeg shared() {
        if (shared == null) {
            shared = Boolean.parseBoolean(System.getProperty(SWITCH, "true")) ? new NativeJpeg(registered()) : NONE;
        }
        return shared;
    }

    private static NativeJpegDecoder.Provider registered() {
        try {
            Iterator<NativeJpegDecoder.Provider> found = ServiceLoader.load(
                    NativeJpegDecoder.Provider.class, NativeJpegDecoder.Provider.class.getClassLoader()).iterator();
            return found.hasNext() ? found.next() : null;
        } catch (ServiceConfigurationError | LinkageError e) {
            LOG.warn("no native JPEG decoder: {}", e.toString());
            return null;
        }
    }

    /** A new native decoder, or null when none can run here. */
    NativeJpegDecoder open() {
        return opened(NativeJpegDecoder.Provider::open);
    }

    /** A new native encoder, or null when none can run here. */
    NativeJpegEncoder openEncoder() {
        return opened(NativeJpegDecoder.Provider::openEncoder);
    }

    private interface Opener<T> {
        T open(NativeJpegDecoder.Provider provider) throws Exception;
    }

    private <T> T opened(Opener<T> opener) {
        if (provider == null || failure != null) {
            return null;
        }
        try {
            return opener.open(provider);
        } catch (Exception | LinkageError e) {
            disable(e);
            return null;
        }
    }

    /** Remembers that native decoders cannot run here, e.g. the library is missing. */
    void disable(Throwable cause) {
        if (failure == null) {
            failure = cause;
            LOG.warn("native JPEG decoder unavailable, using the pure-Java route: {}", cause.toString());
        }
    }

    /** Why native decoders cannot run here, or null. */
    Throwable failure() {
        return failure;
    }
}
