package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import negotiation.Server;
import negotiation.store.DataDirectoryLock;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The H2 file store keeps every room across restarts, snapshots included, and one directory has one server. */
@ExtendWith(BlockedThreadWatch.class)
class RestartTest {
    @TempDir
    Path data;

    @Test
    void everyRoomAndEventSurvivesARestartAndNegotiationContinues() throws Exception {
        String roomId;
        JsonNode invites;
        String eventsBefore;
        // Snapshots every 3 events, so the restarted room is loaded from a snapshot plus events.
        try (Server server = Server.start(new Server.Settings(0, data, 3));
             RoomClient client = new RoomClient(server.port())) {
            RoomClient.Room room = client.openRoom("pos-system");
            roomId = room.id();
            invites = room.invites();
            RoomClient.Socket buyer = client.connect(room, "buyer");
            RoomClient.Socket seller = client.connect(room, "seller");
            buyer.acked(buyer.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/buyer")));
            seller.acked(seller.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/seller")));
            buyer.acked(buyer.send("offer", "package",
                    Map.of("price", 4900, "support", "1 year", "training", "included", "payment", "upfront")));
            for (int i = 0; i < 5; i++) {
                seller.acked(seller.send("note", "text", "note " + i));
            }
            eventsBefore = client.get("/api/rooms/" + roomId + "/events?after=0", invites.get("buyer").asText()).body();
        }

        try (Server server = Server.start(new Server.Settings(0, data, 3));
             RoomClient client = new RoomClient(server.port())) {
            String eventsAfter = client.get("/api/rooms/" + roomId + "/events?after=0", invites.get("buyer").asText()).body();
            assertEquals(eventsBefore, eventsAfter, "the same events, byte for byte");
            RoomClient.Socket buyer = client.connect(roomId, invites.get("buyer").asText());
            RoomClient.Socket seller = client.connect(roomId, invites.get("seller").asText());
            seller.acked(seller.send("accept", "ref", "o1"));
            JsonNode agreement = client.get("/api/rooms/" + roomId + "/agreement", invites.get("buyer").asText()).json();
            assertEquals("o1", agreement.get("ref").asText());
            buyer.acked(buyer.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/buyer")));
            long seq = seller.acked(seller.send("submitInterests", "interests",
                    Scenarios.json("pos-system").at("/interests/seller"))).get("seq").asLong();
            JsonNode view = client.get("/api/rooms/" + roomId, invites.get("buyer").asText()).json();
            assertEquals(seq, view.get("seq").asLong());
            assertEquals(2, view.get("round").asInt(), "a second round after the restart");
            assertTrue(data.resolve("rooms.mv.db").toFile().isFile(), "an H2 file store under the data directory");
        }
    }

    @Test
    void aSecondServerOnTheSameDirectoryStopsWithAClearMessage() throws Exception {
        try (Server first = Server.start(new Server.Settings(0, data, 100))) {
            DataDirectoryLock.DataDirectoryInUse refused = assertThrows(DataDirectoryLock.DataDirectoryInUse.class,
                    () -> Server.start(new Server.Settings(0, data, 100)));
            assertTrue(refused.getMessage().contains("is in use by another room server"), refused.getMessage());
            try (RoomClient client = new RoomClient(first.port())) {
                assertEquals(201, client.post("/api/rooms", Scenarios.text("orange")).status(), "the first one still works");
            }
        }
    }
}
