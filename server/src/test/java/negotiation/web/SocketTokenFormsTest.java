package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import negotiation.Json;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RawWebSocket;
import negotiation.support.RoomClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three places a socket's token may travel: the Sec-WebSocket-Protocol header (the
 * browser's form), a first auth frame, and ?token= (v1 clients); a bad token in each; and no
 * token in any log line, at every level, while all of it runs.
 */
@ExtendWith(BlockedThreadWatch.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketTokenFormsTest {
    @TempDir
    static Path data;
    Server server;
    RoomClient client;
    RoomClient.Room room;
    long seqBefore;
    final List<String> logged = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            // the message with its parameters filled in, and any exception's stack trace
            logged.add(new SimpleFormatter().format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    /** The loggers raised to ALL and their levels before; held here, since JUL keeps loggers only weakly. */
    final Map<Logger, Level> levels = new java.util.HashMap<>();

    @BeforeAll
    void start() throws Exception {
        // Everything from Netty, Vert.x and the server, down to the finest level, is searched for tokens.
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        for (String name : List.of("io.netty", "io.vertx", "negotiation")) {
            Logger logger = Logger.getLogger(name);
            levels.put(logger, logger.getLevel());
            logger.setLevel(Level.ALL);
        }
        server = Server.start(new Server.Settings(0, data, 100, new Limits(50, 200, 2, 30, List.of())));
        client = new RoomClient(server.port());
        room = client.openRoom("pos-system");
    }

    @AfterAll
    void stop() throws Exception {
        client.close();
        server.close();
        Logger.getLogger("").removeHandler(capture);
        levels.forEach(Logger::setLevel);
        assertFalse(logged.isEmpty(), "the capture saw the log");
        for (String role : List.of("buyer", "seller", "mediator")) {
            for (String line : logged) {
                assertFalse(line.contains(room.token(role)), "a token was logged: " + line);
            }
        }
    }

    @BeforeEach
    void rememberTheLog() {
        seqBefore = client.lastSeq(room);
    }

    RawWebSocket open(String query, Map<String, String> headers) throws Exception {
        return RawWebSocket.open(server.port(), "/ws/rooms/" + room.id() + query, headers);
    }

    static Map<String, String> protocols(String value) {
        return Map.of("Sec-WebSocket-Protocol", value);
    }

    /** The next frame that answers or carries an event: live presence messages (protocol 1.1) come whenever they change. */
    static JsonNode next(RawWebSocket socket) throws Exception {
        JsonNode frame;
        do {
            frame = Json.MAPPER.readTree(socket.readText());
        } while (frame.path("type").asText().equals("presence"));
        return frame;
    }

    /** A note sent on the socket is acked with the next seq: the socket acts for its role. */
    void assertActs(RawWebSocket socket, String id) throws Exception {
        socket.sendText("{\"id\":\"" + id + "\",\"type\":\"note\",\"text\":\"" + id + "\"}");
        JsonNode ack = next(socket);
        assertEquals("ack", ack.get("type").asText(), ack.toString());
        assertEquals(seqBefore + 1, ack.get("seq").asLong());
    }

    @Test
    void theTokenInTheSubprotocolHeaderOpensTheRoomAndIsNeverEchoed() throws Exception {
        try (RawWebSocket socket = open("", protocols("negotiation.v1, token." + room.token("buyer")))) {
            assertTrue(socket.upgraded(), socket.handshake);
            assertTrue(socket.handshake.contains("\r\nsec-websocket-protocol: negotiation.v1\r\n")
                    || socket.handshake.contains("\r\nSec-WebSocket-Protocol: negotiation.v1\r\n"), socket.handshake);
            assertFalse(socket.handshake.contains(room.token("buyer")), "the answer never carries the token");
            assertActs(socket, "header-note");
        }
    }

    @Test
    void aLibraryClientOfferingTheTwoSubprotocolsGetsTheProtocolOneSelected() {
        // Vert.x's client, like a browser, fails the handshake unless one offered subprotocol comes back.
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            io.vertx.core.http.WebSocket ws = vertx.createWebSocketClient().connect(new io.vertx.core.http.WebSocketConnectOptions()
                    .setPort(server.port()).setHost("localhost").setURI("/ws/rooms/" + room.id())
                    .setSubProtocols(List.of("negotiation.v1", "token." + room.token("seller"))))
                    .await(20, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals("negotiation.v1", ws.subProtocol());
            ws.close().await();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void aBadTokenInTheHeaderIsRefusedAtTheHandshake() throws Exception {
        try (RawWebSocket socket = open("", protocols("negotiation.v1, token.not-a-token"))) {
            assertTrue(socket.handshake.startsWith("HTTP/1.1 401"), socket.handshake);
        }
        try (RawWebSocket socket = open("", protocols("token." + room.token("buyer")))) {
            assertTrue(socket.handshake.startsWith("HTTP/1.1 400"), "a token subprotocol alone: " + socket.handshake);
        }
    }

    @Test
    void aFirstAuthFrameOpensTheRoomAndFramesRightBehindItWaitForIt() throws Exception {
        try (RawWebSocket socket = open("", Map.of())) {
            assertTrue(socket.upgraded(), socket.handshake);
            socket.sendText("{\"id\":\"a1\",\"type\":\"auth\",\"token\":\"" + room.token("seller") + "\"}");
            socket.sendText("{\"id\":\"h1\",\"type\":\"hello\",\"after\":" + seqBefore + "}");
            JsonNode auth = next(socket);
            assertEquals("ack", auth.get("type").asText(), auth.toString());
            assertEquals("a1", auth.get("id").asText());
            assertEquals(seqBefore, auth.get("seq").asLong(), "auth acks the room's last seq");
            JsonNode hello = next(socket);
            assertEquals("ack", hello.get("type").asText(), hello.toString());
            assertEquals("h1", hello.get("id").asText());
            socket.sendText("{\"id\":\"a2\",\"type\":\"auth\",\"token\":\"" + room.token("seller") + "\"}");
            assertEquals("bad_request", next(socket).get("code").asText(), "a second auth is refused");
            socket.sendText("{\"id\":\"frame-note\",\"type\":\"note\",\"text\":\"by frame\"}");
            JsonNode event = next(socket);
            assertEquals("seller", event.at("/data/party").asText(), "the note is the seller's: " + event);
            assertEquals("frame-note", next(socket).get("id").asText());
        }
        assertEquals(seqBefore + 1, client.lastSeq(room));
    }

    @Test
    void aBadTokenInTheAuthFrameIsRefusedAndTheSocketClosed() throws Exception {
        try (RawWebSocket socket = open("", Map.of())) {
            socket.sendText("{\"id\":\"a1\",\"type\":\"auth\",\"token\":\"not-a-token\"}");
            JsonNode error = next(socket);
            assertEquals("unauthorized", error.get("code").asText(), error.toString());
            assertEquals("a1", error.get("id").asText());
            assertEquals(1008, socket.closeCode());
        }
        assertEquals(seqBefore, client.lastSeq(room));
    }

    @Test
    void anyOtherFirstFrameIsRefusedAndTheSocketClosed() throws Exception {
        for (String first : List.of("{\"id\":\"n1\",\"type\":\"note\",\"text\":\"sneaky\"}",
                "{\"id\":\"h1\",\"type\":\"hello\",\"after\":0}", "not json", "{\"id\":\"a1\",\"type\":\"auth\"}")) {
            try (RawWebSocket socket = open("", Map.of())) {
                socket.sendText(first);
                JsonNode error = next(socket);
                assertEquals("unauthorized", error.get("code").asText(), first + " -> " + error);
                assertEquals(1008, socket.closeCode(), first);
            }
        }
        assertEquals(seqBefore, client.lastSeq(room), "nothing appended");
    }

    @Test
    void aSocketThatNeverAuthenticatesIsClosed() throws Exception {
        try (RawWebSocket socket = open("", Map.of())) {
            assertEquals(1008, socket.closeCode(), "closed after the auth delay (here 1 s, under the 2 s idle timeout)");
        }
    }

    @Test
    void theQueryTokenStillWorksForV1Clients() throws Exception {
        try (RawWebSocket socket = open("?token=" + room.token("mediator"), Map.of())) {
            assertTrue(socket.upgraded(), socket.handshake);
            assertActs(socket, "query-note");
        }
        try (RawWebSocket socket = open("?token=not-a-token", Map.of())) {
            assertTrue(socket.handshake.startsWith("HTTP/1.1 401"), socket.handshake);
        }
    }
}
