package negotiation.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import negotiation.Json;

/**
 * A protocol client for tests: plain HTTP with the JDK's client, WebSockets with Vert.x's.
 * Every frame and body it receives is kept, so privacy tests can scan all of them, and checked
 * against the protocol's documents ({@link Contract}): an HTTP answer as it arrives, a socket's
 * frames whenever the test reads them and at the latest when the client closes.
 */
public final class RoomClient implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final WebSocketClient sockets = vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxFrameSize(2 * 1024 * 1024).setMaxMessageSize(2 * 1024 * 1024));
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    /** Everything this client received over HTTP, for scans. */
    public final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Socket> opened = new CopyOnWriteArrayList<>();
    /** Frames of {@link #connectLive} sockets that break the contract (they arrive on a Vert.x thread). */
    private final List<String> liveViolations = new CopyOnWriteArrayList<>();

    public RoomClient(int port) {
        this.port = port;
    }

    public HttpAnswer post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a body with the given Content-Type, or none when {@code contentType} is null. */
    public HttpAnswer post(String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /**
     * Sends a GET with this exact request target (path and query, not checked or encoded, so
     * malformed escapes reach the server) over a plain socket, and reads the whole answer.
     */
    public HttpAnswer rawGet(String target, String token) {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            String request = "GET " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int headersEnd = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.1 ") || headersEnd < 0) {
                throw new AssertionError("not an HTTP answer to GET " + target + ": " + response);
            }
            int status = Integer.parseInt(response.substring(9, 12));
            String body = response.substring(headersEnd + 4);
            if (response.substring(0, headersEnd).matches("(?is).*\r\ntransfer-encoding:\\s*chunked.*")) {
                body = unchunked(body);
            }
            java.util.regex.Matcher contentType = java.util.regex.Pattern.compile("(?im)^content-type:\\s*(.*?)\\s*$")
                    .matcher(response.substring(0, headersEnd));
            received.add(body);
            Contract.checkHttp("GET", target, status, contentType.find() ? contentType.group(1) : null, body);
            return new HttpAnswer(status, body);
        } catch (IOException e) {
            throw new AssertionError("HTTP failed for GET " + target, e);
        }
    }

    /** A chunked body (RFC 9112, section 7.1) as its data; the sizes count bytes, so it is decoded on UTF-8 bytes. */
    private static String unchunked(String chunked) {
        byte[] raw = chunked.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOfCrLf(raw, at);
            int size = Integer.parseInt(new String(raw, at, lineEnd - at, java.nio.charset.StandardCharsets.US_ASCII)
                    .split(";")[0].trim(), 16);
            if (size == 0) {
                return data.toString(java.nio.charset.StandardCharsets.UTF_8);
            }
            data.write(raw, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOfCrLf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new AssertionError("a chunked body without its chunk line");
    }

    public HttpAnswer get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    public HttpAnswer delete(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).DELETE();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpAnswer send(HttpRequest.Builder request) {
        try {
            HttpRequest sent = request.timeout(Duration.ofSeconds(20)).build();
            HttpResponse<String> response = http.send(sent, HttpResponse.BodyHandlers.ofString());
            received.add(response.body());
            Contract.checkHttp(sent.method(), sent.uri().getRawPath(), response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), response.body());
            return new HttpAnswer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError("HTTP failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A room this client created: its id and every role's invite token. */
    public record Room(String id, JsonNode invites) {
        public String token(String role) {
            return invites.get(role).asText();
        }
    }

    /** Creates a room on a scenario of src/test/resources/scenarios. */
    public Room openRoom(String scenario) {
        HttpAnswer created = post("/api/rooms", Scenarios.text(scenario));
        if (created.status() != 201) {
            throw new AssertionError("room not created: " + created.body());
        }
        return new Room(created.json().get("roomId").asText(), created.json().get("invites"));
    }

    /** The room's last seq, as its mediator's view gives it. */
    public long lastSeq(Room room) {
        return get("/api/rooms/" + room.id(), room.token("mediator")).json().get("seq").asLong();
    }

    /** A socket of that role in the room. */
    public Socket connect(Room room, String role) {
        return connect(room.id(), room.token(role));
    }

    /** Opens a socket; the future fails with the handshake's HTTP status when refused. */
    public Socket connect(String roomId, String token) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setPort(port).setHost("localhost")
                .setURI("/ws/rooms/" + roomId + (token == null ? "" : "?token=" + token));
        Socket socket = new Socket();
        socket.ws = within(sockets.connect(options));
        opened.add(socket);
        socket.ws.textMessageHandler(text -> {
            socket.frames.add(text);
            synchronized (socket) {
                socket.notifyAll();
            }
        });
        socket.ws.closeHandler(v -> socket.closed = true);
        return socket;
    }

    /** Tries to open a socket and returns the failure the handshake gave. */
    public Throwable refusedConnect(String roomId, String token) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setPort(port).setHost("localhost")
                .setURI("/ws/rooms/" + roomId + (token == null ? "" : "?token=" + token));
        try {
            within(sockets.connect(options));
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("the handshake was accepted");
    }

    /** Waits for a Vert.x future from a test thread, at most 20 s. */
    static <T> T within(io.vertx.core.Future<T> future) {
        try {
            return future.await(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer within 20 s", e);
        }
    }

    /** Closes the client, failing if any frame it received broke the contract. */
    @Override
    public void close() {
        for (Socket socket : opened) {
            try {
                if (!socket.isClosed()) {
                    socket.close();
                }
            } catch (RuntimeException | AssertionError alreadyGone) {
                // its server went away first
            }
        }
        try {
            vertx.close().await(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // Seen once after a test restarted the server under this client: the client's Vert.x
            // never finished closing. It is the test client's own shutdown, not the server's, so
            // it must not stall the build; the contract is still checked below.
            System.err.println("RoomClient: the client's Vert.x did not close within 30 s; going on");
        }
        opened.forEach(Socket::checkContract);
        if (!liveViolations.isEmpty()) {
            throw new AssertionError(liveViolations.size() + " frame(s) broke the contract; the first: "
                    + liveViolations.get(0));
        }
    }

    /** The HTTP port this client talks to. */
    public int port() {
        return port;
    }

    /**
     * Opens a socket that hands every text frame to {@code onText} as it arrives, on a Vert.x
     * thread, and keeps none: for long runs (crash, fuzz) where {@link Socket} would keep and
     * re-parse thousands of frames. {@code onClose} runs once when the socket closes.
     */
    public Live connectLive(String roomId, String token, java.util.function.Consumer<String> onText, Runnable onClose) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setPort(port).setHost("localhost")
                .setURI("/ws/rooms/" + roomId + (token == null ? "" : "?token=" + token));
        WebSocket ws = within(sockets.connect(options));
        ws.textMessageHandler(text -> {
            String violation = Contract.frameViolation(text);
            if (violation != null) {
                liveViolations.add(violation);
            }
            onText.accept(text);
        });
        ws.closeHandler(v -> onClose.run());
        return new Live(ws);
    }

    /** A socket opened by {@link #connectLive}: raw sends, text, binary or fragmented. */
    public static final class Live {
        private final WebSocket ws;

        private Live(WebSocket ws) {
            this.ws = ws;
        }

        /** Sends one text frame and returns once it is written (or fails). */
        public void send(String text) {
            within(ws.writeTextMessage(text));
        }

        /** Sends a text frame without waiting for the write. */
        public io.vertx.core.Future<Void> sendAsync(String text) {
            return ws.writeTextMessage(text);
        }

        public void sendBinary(byte[] bytes) {
            within(ws.writeBinaryMessage(io.vertx.core.buffer.Buffer.buffer(bytes)));
        }

        /** Sends a text message split into {@code parts} frames: a text frame, then continuation frames. */
        public void sendFragmented(String text, int parts) {
            byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int n = Math.max(1, Math.min(parts, bytes.length));
            int size = Math.max(1, (bytes.length + n - 1) / n);
            int from = 0;
            do {
                int to = Math.min(bytes.length, from + size);
                byte[] piece = java.util.Arrays.copyOfRange(bytes, from, to);
                io.vertx.core.http.WebSocketFrameType kind = from == 0
                        ? io.vertx.core.http.WebSocketFrameType.TEXT : io.vertx.core.http.WebSocketFrameType.CONTINUATION;
                within(ws.writeFrame(new io.vertx.core.http.impl.ws.WebSocketFrameImpl(kind, piece, to == bytes.length)));
                from = to;
            } while (from < bytes.length);
        }

        public boolean isClosed() {
            return ws.isClosed();
        }

        public void close() {
            if (!ws.isClosed()) {
                try {
                    within(ws.close());
                } catch (RuntimeException | AssertionError e) {
                    // already gone
                }
            }
        }
    }


    /** One open socket and every frame it received. */
    public static final class Socket {
        private WebSocket ws;
        public final List<String> frames = new CopyOnWriteArrayList<>();
        public volatile boolean closed;
        /** How many of {@link #frames} were checked against the contract. */
        private int checked;
        private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();

        /** Sends a message with a fresh id and returns that id. */
        public String send(String type, Object... fieldsAndValues) {
            // ids are unique across sockets: the server treats a re-sent id and content as one command
            String messageId = "m" + IDS.incrementAndGet();
            ObjectNode message = Json.MAPPER.createObjectNode().put("id", messageId).put("type", type);
            for (int i = 0; i < fieldsAndValues.length; i += 2) {
                message.set((String) fieldsAndValues[i], Json.MAPPER.valueToTree(fieldsAndValues[i + 1]));
            }
            within(ws.writeTextMessage(message.toString()));
            return messageId;
        }

        public void sendRaw(String text) {
            within(ws.writeTextMessage(text));
        }

        /** Waits for the answer (ack or error) to a message id. */
        public JsonNode answer(String messageId) {
            return await(m -> ("ack".equals(m.path("type").asText()) || "error".equals(m.path("type").asText()))
                    && messageId.equals(m.path("id").asText()));
        }

        /** Waits for an error frame without id (a frame the server could not read) among the frames after mark. */
        public JsonNode anonymousErrorAfter(int mark) {
            return await(m -> "error".equals(m.path("type").asText()) && !m.has("id"), mark);
        }

        public JsonNode acked(String messageId) {
            JsonNode answer = answer(messageId);
            if (!"ack".equals(answer.path("type").asText())) {
                throw new AssertionError("expected an ack for " + messageId + ", got " + answer);
            }
            return answer;
        }

        /** Waits until an event of this kind arrives and returns it. */
        public JsonNode event(String kind) {
            return await(m -> "event".equals(m.path("type").asText()) && kind.equals(m.path("kind").asText()));
        }

        /** Waits until the event with this seq arrived. */
        public JsonNode eventAt(long seq) {
            return await(m -> "event".equals(m.path("type").asText()) && m.path("seq").asLong() == seq);
        }

        public List<JsonNode> events() {
            List<JsonNode> events = new ArrayList<>();
            for (JsonNode m : messages()) {
                if ("event".equals(m.path("type").asText())) {
                    events.add(m);
                }
            }
            return events;
        }

        /** Fails if a frame received since the last check is not a ServerMessage of docs/asyncapi.yaml. */
        synchronized void checkContract() {
            for (; checked < frames.size(); checked++) {
                Contract.checkFrame(frames.get(checked));
            }
        }

        public List<JsonNode> messages() {
            checkContract();
            List<JsonNode> parsed = new ArrayList<>();
            for (String frame : frames) {
                try {
                    parsed.add(Json.MAPPER.readTree(frame));
                } catch (IOException e) {
                    throw new AssertionError("the server sent a frame that is not JSON: " + frame, e);
                }
            }
            return parsed;
        }

        public JsonNode await(Predicate<JsonNode> wanted) {
            return await(wanted, 0);
        }

        /** Waits for a frame that matches, looking only at the frames from index {@code from} on. */
        public synchronized JsonNode await(Predicate<JsonNode> wanted, int from) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                List<JsonNode> messages = messages();
                for (JsonNode m : messages.subList(Math.min(from, messages.size()), messages.size())) {
                    if (wanted.test(m)) {
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no such frame within 20 s; received: " + frames);
                }
                try {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }

        public void close() {
            within(ws.close());
        }

        public boolean isClosed() {
            return closed || ws.isClosed();
        }
    }
}
