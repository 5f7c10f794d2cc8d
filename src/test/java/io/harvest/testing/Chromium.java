package io.harvest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium, driven over the Chrome DevTools Protocol on its websocket
 * (Java's own HTTP and websocket client; debugging port on 127.0.0.1 only): opens a page,
 * records every console error, exception and network request, evaluates expressions and takes
 * screenshots. {@code scripts/setup-browser} installs it.
 */
public final class Chromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final Process process;
    private final WebSocket socket;
    private final Inbox inbox;
    private final AtomicInteger ids = new AtomicInteger();

    private Chromium(Process process, WebSocket socket, Inbox inbox) {
        this.process = process;
        this.socket = socket;
        this.inbox = inbox;
    }

    /** The browser's command, or null when it is not installed. */
    public static String command() {
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    public static Chromium start(Path profile) throws Exception {
        String command = command();
        if (command == null) {
            throw new IllegalStateException("chromium is not installed: run scripts/setup-browser");
        }
        Process process = new ProcessBuilder(command, "--headless", "--no-sandbox", "--disable-gpu",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
                "--window-size=1100,900", "about:blank").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String browserUrl = null;
        List<String> seen = new ArrayList<>();
        for (String line; browserUrl == null && (line = out.readLine()) != null; ) {
            seen.add(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                browserUrl = m.group(1);
            }
        }
        if (browserUrl == null) {
            process.destroyForcibly();
            throw new IOException("chromium did not start: " + String.join("\n", seen));
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "chromium-output");
        drain.setDaemon(true);
        drain.start();
        URI browser = URI.create(browserUrl);
        HttpClient http = HttpClient.newHttpClient();
        String pageSocket = null;
        for (JsonNode target : JSON.readTree(http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + browser.getPort() + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body())) {
            if (target.path("type").asText().equals("page")) {
                pageSocket = target.path("webSocketDebuggerUrl").asText();
            }
        }
        if (pageSocket == null) {
            process.destroyForcibly();
            throw new IOException("chromium has no page to drive");
        }
        Inbox inbox = new Inbox();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), inbox)
                .get(30, TimeUnit.SECONDS);
        Chromium driven = new Chromium(process, socket, inbox);
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            driven.call(domain + ".enable", JSON.createObjectNode());
        }
        return driven;
    }

    /** How many events have been received so far: a mark for {@link #eventsSince}. */
    public int eventCount() {
        return inbox.events.size();
    }

    /**
     * The events (console, exceptions, requests, ...) received since a mark from {@link #eventCount},
     * from one snapshot: the reader thread keeps appending while the caller looks.
     */
    public List<JsonNode> eventsSince(int mark) {
        List<JsonNode> snapshot = List.copyOf(inbox.events);
        return snapshot.subList(mark, snapshot.size());
    }

    /** Opens a URL and waits for its load event. */
    public void open(String url) throws Exception {
        int before = eventCount();
        call("Page.navigate", JSON.createObjectNode().put("url", url));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (eventsSince(before).stream()
                .noneMatch(e -> e.path("method").asText().equals("Page.loadEventFired"))) {
            if (System.nanoTime() > deadline) {
                throw new IOException("page did not load in " + WAIT + ": " + url);
            }
            Thread.sleep(50);
        }
    }

    /** The value of a JavaScript expression in the page. */
    public JsonNode eval(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("evaluating " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** A PNG of the whole page, at the given width. */
    public void screenshot(Path file, int width) throws Exception {
        JsonNode size = call("Page.getLayoutMetrics", JSON.createObjectNode()).path("cssContentSize");
        int height = (int) Math.ceil(size.path("height").asDouble(900));
        call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", false));
        String png = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")).path("data").asText();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(png));
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        inbox.pending.put(id, reply);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
        JsonNode answer = reply.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.path("result");
    }

    @Override
    public void close() throws InterruptedException {
        if (socket != null) {
            socket.abort();
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Puts replies with their calls and keeps events, joining messages that come in parts. */
    private static final class Inbox implements WebSocket.Listener {
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final List<JsonNode> events = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
                        if (reply != null) {
                            reply.complete(message);
                        }
                    } else {
                        events.add(message);
                    }
                } catch (IOException e) {
                    events.add(JSON.createObjectNode().put("method", "harvest.unreadable").put("text", e.toString()));
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
