package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Origin checks, the per-token rate limit and the read-idle timeout with pings. */
@ExtendWith(BlockedThreadWatch.class)
class SocketLimitsTest {
    @TempDir
    Path data;

    @Test
    void aForeignBrowserOriginIsRefusedBeforeTheUpgrade() throws Exception {
        Limits limits = new Limits(50, 200, 90, 30, List.of("https://rooms.example.org"));
        try (Server server = Server.start(new Server.Settings(0, data, 100, limits));
             RoomClient client = new RoomClient(server.port())) {
            JsonNode room = client.post("/api/rooms", Scenarios.text("orange")).json();
            String path = "/ws/rooms/" + room.get("roomId").asText() + "?token=" + room.at("/invites/anna").asText();
            assertTrue(handshake(server.port(), path, "https://evil.example.com").startsWith("HTTP/1.1 403"));
            assertTrue(handshake(server.port(), path, "https://rooms.example.org").startsWith("HTTP/1.1 101"));
            assertTrue(handshake(server.port(), path, "http://localhost:" + server.port()).startsWith("HTTP/1.1 101"),
                    "the server's own origin");
            assertTrue(handshake(server.port(), path, null).startsWith("HTTP/1.1 101"), "non-browser clients send no Origin");
        }
    }

    @Test
    void aTokenOverItsRateGetsRateLimitedAndRecovers() throws Exception {
        Limits limits = new Limits(5, 10, 90, 30, List.of());
        try (Server server = Server.start(new Server.Settings(0, data, 100, limits));
             RoomClient client = new RoomClient(server.port())) {
            JsonNode room = client.post("/api/rooms", Scenarios.text("orange")).json();
            RoomClient.Socket anna = client.connect(room.get("roomId").asText(), room.at("/invites/anna").asText());
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ids.add(anna.send("note", "text", "n" + i));
            }
            int limited = 0;
            for (String id : ids) {
                JsonNode answer = anna.answer(id);
                limited += "rate_limited".equals(answer.path("code").asText()) ? 1 : 0;
            }
            assertTrue(limited >= 15, "most of a burst of 30 over a burst size of 10 is refused: " + limited);
            JsonNode otherToken = client.get("/api/rooms/" + room.get("roomId").asText(), room.at("/invites/beth").asText()).json();
            assertEquals(1 + (30 - limited), otherToken.get("seq").asInt(), "refused notes appended nothing; beth is not limited");
            Thread.sleep(1_000);
            anna.acked(anna.send("note", "text", "after a pause"));
        }
    }

    @Test
    void aPeerThatNeverAnswersIsClosedAfterTheIdleTimeoutWhileAPongingOneStays() throws Exception {
        Limits limits = new Limits(50, 200, 2, 30, List.of());
        try (Server server = Server.start(new Server.Settings(0, data, 100, limits));
             RoomClient client = new RoomClient(server.port())) {
            JsonNode room = client.post("/api/rooms", Scenarios.text("orange")).json();
            String roomId = room.get("roomId").asText();
            RoomClient.Socket ponging = client.connect(roomId, room.at("/invites/anna").asText());
            try (Socket silent = new Socket("localhost", server.port())) {
                String path = "/ws/rooms/" + roomId + "?token=" + room.at("/invites/beth").asText();
                assertTrue(upgrade(silent, path, null).startsWith("HTTP/1.1 101"));
                silent.setSoTimeout(15_000);
                InputStream in = silent.getInputStream();
                int read;
                do {
                    read = in.read(); // pings arrive and are never answered, then the server hangs up
                } while (read != -1);
            }
            assertFalse(ponging.isClosed(), "a client that answers pings (Vert.x does) stays connected");
            ponging.acked(ponging.send("hello", "after", 0));
        }
    }

    /** Sends a WebSocket upgrade request and returns the status line and headers. */
    static String handshake(int port, String path, String origin) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            return upgrade(socket, path, origin);
        }
    }

    static String upgrade(Socket socket, String path, String origin) throws Exception {
        OutputStream out = socket.getOutputStream();
        String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + socket.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c == -1) {
                break;
            }
            head.append((char) c);
        }
        return head.toString();
    }
}
