package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import negotiation.Json;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RawWebSocket;
import negotiation.support.RoomClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One token holds at most {@link SocketsPerToken#MAX} sockets in its room, whether it opens
 * them with the token in the handshake or in an auth frame; other tokens are not affected, and
 * a closed socket frees its place.
 */
@ExtendWith(BlockedThreadWatch.class)
class SocketsPerTokenTest {
    @TempDir
    Path data;

    @Test
    void aTokenHoldsAtMostTheCapOfSocketsInItsRoom() throws Exception {
        try (Server server = Server.start(new Server.Settings(0, data, 100));
             RoomClient client = new RoomClient(server.port())) {
            RoomClient.Room room = client.openRoom("orange");
            List<RoomClient.Socket> held = new ArrayList<>();
            for (int i = 0; i < SocketsPerToken.MAX; i++) {
                held.add(client.connect(room, "anna"));
            }
            String path = "/ws/rooms/" + room.id();
            try (RawWebSocket refused = RawWebSocket.open(server.port(), path + "?token=" + room.token("anna"), Map.of())) {
                assertTrue(refused.handshake.startsWith("HTTP/1.1 429"), refused.handshake);
                assertTrue(refused.handshake.toLowerCase(java.util.Locale.ROOT).contains("x-frame-options: deny"));
            }
            try (RawWebSocket byFrame = RawWebSocket.open(server.port(), path, Map.of())) {
                assertTrue(byFrame.upgraded(), byFrame.handshake);
                byFrame.sendText("{\"id\":\"a1\",\"type\":\"auth\",\"token\":\"" + room.token("anna") + "\"}");
                JsonNode error = Json.MAPPER.readTree(byFrame.readText());
                assertEquals("rate_limited", error.get("code").asText(), error.toString());
                assertEquals(1008, byFrame.closeCode());
            }
            RoomClient.Socket beth = client.connect(room, "beth");
            beth.acked(beth.send("hello", "after", 0));

            held.get(0).close();
            long deadline = System.nanoTime() + 10_000_000_000L;
            boolean reopened = false;
            while (!reopened && System.nanoTime() < deadline) {
                try (RawWebSocket again = RawWebSocket.open(server.port(), path + "?token=" + room.token("anna"), Map.of())) {
                    reopened = again.upgraded();
                }
                Thread.sleep(reopened ? 0 : 100);
            }
            assertTrue(reopened, "a closed socket frees its place");
        }
    }
}
