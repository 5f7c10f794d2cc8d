package io.harvest.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SelectableChannelEndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * One answer of the {@link TestHttpServer}: well-behaved or misbehaving on purpose. Immutable;
 * the modifiers return changed copies: {@code Reply.html("<p>hi").delay(ofMillis(100))}.
 */
public final class Reply {
    private static final Map<Long, byte[]> BOMBS = new ConcurrentHashMap<>();

    private final int status;
    private final Map<String, String> headers;
    private final Body body;
    private final Duration delay;

    private Reply(int status, Map<String, String> headers, Body body, Duration delay) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.delay = delay;
    }

    /** 200 with this body and Content-Type. */
    public static Reply bytes(byte[] body, String contentType) {
        return new Reply(200, Map.of("Content-Type", contentType), new Fixed(body), Duration.ZERO);
    }

    public static Reply html(String html) {
        return bytes(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
    }

    public static Reply text(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /** A real file, typed by its extension. */
    public static Reply file(Path path) {
        try {
            return bytes(Files.readAllBytes(path), typeOf(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This status with a short text body. */
    public static Reply status(int status) {
        return text("status " + status).withStatus(status);
    }

    public static Reply redirect(int status, String location) {
        return new Reply(status, Map.of("Location", location), new Fixed(new byte[0]), Duration.ZERO);
    }

    /** A body of {@code size} bytes made while it is sent, never held in memory. */
    public static Reply huge(long size) {
        return new Reply(200, Map.of("Content-Type", "application/octet-stream"),
                new Generated(size, true), Duration.ZERO);
    }

    /** Like {@link #huge} but chunked, without Content-Length: only counting can stop it. */
    public static Reply hugeChunked(long size) {
        return new Reply(200, Map.of("Content-Type", "application/octet-stream"),
                new Generated(size, false), Duration.ZERO);
    }

    /** A small gzip body that decodes to {@code decodedSize} zero bytes, sent as HTML. */
    public static Reply gzipBomb(long decodedSize) {
        byte[] packed = BOMBS.computeIfAbsent(decodedSize, Reply::gzipZeros);
        return bytes(packed, "text/html").header("Content-Encoding", "gzip");
    }

    /** The body one byte at a time, {@code every} apart: alive, but never done in time. */
    public static Reply drip(byte[] body, Duration every) {
        return new Reply(200, Map.of("Content-Type", "text/html"), new Drip(body, every),
                Duration.ZERO);
    }

    /** Declares the whole body, sends {@code sent} bytes of it, then resets the connection. */
    public static Reply resetAfter(byte[] body, int sent) {
        return new Reply(200, Map.of("Content-Type", "text/html"), new Cut(body, sent, true),
                Duration.ZERO);
    }

    /** Declares the whole body, sends {@code sent} bytes of it, then closes the connection. */
    public static Reply truncated(byte[] body, int sent) {
        return new Reply(200, Map.of("Content-Type", "text/html"), new Cut(body, sent, false),
                Duration.ZERO);
    }

    /** These bytes on the raw connection instead of an HTTP response, then close. */
    public static Reply raw(byte[] bytes) {
        return new Reply(200, Map.of(), new Raw(bytes), Duration.ZERO);
    }

    public Reply withStatus(int newStatus) {
        return new Reply(newStatus, headers, body, delay);
    }

    /** Sets a header (Content-Type included: a body can lie about its type). */
    public Reply header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, more, body, delay);
    }

    /** Waits this long before answering, without holding a server thread. */
    public Reply delay(Duration wait) {
        return new Reply(status, headers, body, wait);
    }

    Duration delay() {
        return delay;
    }

    void send(Request request, Response response, Callback done) {
        response.setStatus(status);
        headers.forEach((name, value) -> response.getHeaders().put(name, value));
        body.send(request, response, done);
    }

    private static byte[] gzipZeros(long size) {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
            byte[] zeros = new byte[1 << 16];
            for (long left = size; left > 0; left -= zeros.length) {
                gzip.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return packed.toByteArray();
    }

    private static String typeOf(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "html", "htm" -> "text/html";
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "txt" -> "text/plain";
            case "json" -> "application/json";
            default -> "application/octet-stream";
        };
    }

    private interface Body {
        void send(Request request, Response response, Callback done);
    }

    private record Fixed(byte[] bytes) implements Body {
        @Override
        public void send(Request request, Response response, Callback done) {
            response.getHeaders().put("Content-Length", bytes.length);
            response.write(true, ByteBuffer.wrap(bytes), done);
        }
    }

    /** Blocking bodies run on a server thread of their own; the client may abort any time. */
    private abstract static class Streamed implements Body {
        @Override
        public void send(Request request, Response response, Callback done) {
            try {
                stream(request, response);
                done.succeeded();
            } catch (Throwable x) {
                done.failed(x);
            }
        }

        abstract void stream(Request request, Response response) throws Exception;
    }

    private static final class Generated extends Streamed {
        private final long size;
        private final boolean declared;

        Generated(long size, boolean declared) {
            this.size = size;
            this.declared = declared;
        }

        @Override
        void stream(Request request, Response response) throws IOException {
            if (declared) {
                response.getHeaders().put("Content-Length", size);
            }
            byte[] chunk = new byte[1 << 16];
            for (long left = size; left > 0; left -= chunk.length) {
                int n = (int) Math.min(chunk.length, left);
                Content.Sink.write(response, left <= n, ByteBuffer.wrap(chunk, 0, n));
            }
        }
    }

    private static final class Drip extends Streamed {
        private final byte[] body;
        private final Duration every;

        Drip(byte[] body, Duration every) {
            this.body = body;
            this.every = every;
        }

        @Override
        void stream(Request request, Response response) throws Exception {
            response.getHeaders().put("Content-Length", body.length);
            for (int i = 0; i < body.length; i++) {
                Content.Sink.write(response, i == body.length - 1, ByteBuffer.wrap(body, i, 1));
                Thread.sleep(every.toMillis());
            }
        }
    }

    private static final class Raw extends Streamed {
        private final byte[] bytes;

        Raw(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        void stream(Request request, Response response) throws IOException {
            EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
            try (Blocker.Callback written = Blocker.callback()) {
                endPoint.write(written, ByteBuffer.wrap(bytes));
                written.block();
            }
            endPoint.close();
            throw new IOException("sent " + bytes.length + " raw bytes, on purpose");
        }
    }

    private static final class Cut extends Streamed {
        private final byte[] body;
        private final int sent;
        private final boolean reset;

        Cut(byte[] body, int sent, boolean reset) {
            this.body = body;
            this.sent = sent;
            this.reset = reset;
        }

        @Override
        void stream(Request request, Response response) throws IOException {
            response.getHeaders().put("Content-Length", body.length);
            Content.Sink.write(response, false, ByteBuffer.wrap(body, 0, sent));
            EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
            if (reset && endPoint instanceof SelectableChannelEndPoint channelEndPoint
                    && channelEndPoint.getChannel() instanceof SocketChannel socket) {
                socket.setOption(StandardSocketOptions.SO_LINGER, 0); // close sends RST
                socket.close();
            }
            endPoint.close();
            throw new IOException((reset ? "reset" : "closed") + " after " + sent + " of "
                    + body.length + " bytes, on purpose");
        }
    }
}
