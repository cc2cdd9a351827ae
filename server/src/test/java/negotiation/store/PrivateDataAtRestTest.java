package negotiation.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interests never reach the data directory in clear, and erasing a party's key makes its
 * private data unreadable everywhere while the public log stays whole. The proof reads the
 * raw bytes of every file under the data directory.
 */
@ExtendWith(BlockedThreadWatch.class)
class PrivateDataAtRestTest {
    static final String FLOOR = "\"floor\":7777";
    static final String ASPIRATION = "\"aspiration\":9191";

    @TempDir
    Path data;

    @Test
    void interestsAreSealedAtRestAndErasureShredsThem() throws Exception {
        String roomId;
        JsonNode invites;
        int eventsBefore;
        String salt;
        // Snapshots every 2 events: sealed interests must survive snapshots too.
        try (Server server = Server.start(new Server.Settings(0, data, 2));
             RoomClient client = new RoomClient(server.port())) {
            RoomClient.Room room = client.openRoom("pos-system");
            roomId = room.id();
            invites = room.invites();
            RoomClient.Socket buyer = client.connect(room, "buyer");
            RoomClient.Socket seller = client.connect(room, "seller");
            ObjectNode sentinel = Scenarios.json("pos-system").at("/interests/buyer").deepCopy();
            sentinel.put("floor", 7777).put("aspiration", 9191);
            sentinel.remove("limits");
            buyer.acked(buyer.send("submitInterests", "interests", sentinel));
            seller.acked(seller.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/seller")));
            buyer.acked(buyer.send("unseal"));
            for (int i = 0; i < 4; i++) {
                seller.acked(seller.send("note", "text", "note " + i));
            }
            eventsBefore = client.get("/api/rooms/" + roomId + "/events?after=0", token(invites, "mediator")).json().size();
            JsonNode own = client.get("/api/rooms/" + roomId + "/events?after=0", token(invites, "buyer")).json().get(1);
            salt = own.at("/data/salt").asText();
            assertEquals(64, salt.length(), "the buyer sees its commitment's salt: " + own);
        }
        String allFiles = rawText(data);
        assertFalse(allFiles.contains(FLOOR) || allFiles.contains(ASPIRATION), "private values in clear on disk");
        assertFalse(allFiles.contains("\"weights\""), "no interests in clear anywhere, events or snapshots");
        assertTrue(allFiles.contains("\"sealed\""), "the interests are there, sealed");
        assertFalse(allFiles.contains(salt), "the salt that opens the public commitment is sealed too");

        // The buyer's first key generation; its sealed data names generation 1.
        Path keyFile = data.resolve("keys").resolve(roomId).resolve("buyer.1.key");
        byte[] key = Files.readAllBytes(keyFile);
        assertEquals(32, key.length);

        try (Server server = Server.start(new Server.Settings(0, data, 2));
             RoomClient client = new RoomClient(server.port())) {
            String base = "/api/rooms/" + roomId;
            assertEquals(7777, client.get(base, token(invites, "buyer")).json().at("/interests/floor").asInt(),
                    "read back with its key after a restart");
            assertEquals(403, client.delete(base + "/parties/buyer/private", token(invites, "seller")).status());
            assertEquals(204, client.delete(base + "/parties/buyer/private", token(invites, "buyer")).status());

            JsonNode buyerView = client.get(base, token(invites, "buyer")).json();
            assertTrue(buyerView.get("interests").isNull(), "the buyer's own view shows nothing left");
            assertTrue(buyerView.at("/parties/0/erased").asBoolean());
            JsonNode mediatorEvents = client.get(base + "/events?after=0", token(invites, "mediator")).json();
            assertEquals(eventsBefore + 1, mediatorEvents.size(), "the public log is whole, plus the erasure");
            assertTrue(mediatorEvents.get(1).at("/data/erased").asBoolean(), "an unsealed party's interests read as erased");
            assertEquals("PrivateDataErased", mediatorEvents.get(eventsBefore).get("kind").asText());
            assertEquals(2500, client.get(base, token(invites, "seller")).json().at("/interests/floor").asInt(),
                    "the other party's data is untouched");
            for (JsonNode event : client.get(base + "/events?after=0", token(invites, "buyer")).json()) {
                // The members as written, not bare digits: those turn up in hashes and commitments by chance.
                assertFalse(event.toString().contains(FLOOR) || event.toString().contains(ASPIRATION),
                        "nothing of the erased interests in any view: " + event);
            }
        }
        assertFalse(Files.exists(keyFile), "the key file is gone");
        assertTrue(Files.exists(keyFile.resolveSibling("buyer.1.erased")), "generation 1 is remembered as erased");
        assertFalse(contains(data, key), "the key bytes are nowhere under the data directory");

        try (Server server = Server.start(new Server.Settings(0, data, 2));
             RoomClient client = new RoomClient(server.port())) {
            RoomClient.Socket buyer = client.connect(roomId, invites.get("buyer").asText());
            RoomClient.Socket seller = client.connect(roomId, invites.get("seller").asText());
            buyer.acked(buyer.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/buyer")));
            seller.acked(seller.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/seller")));
            JsonNode view = client.get("/api/rooms/" + roomId, token(invites, "buyer")).json();
            assertEquals(2, view.get("round").asInt(), "after resubmitting, the negotiation goes on");
            assertEquals(5500, view.at("/interests/floor").asInt());
        }
        assertTrue(Files.exists(keyFile.resolveSibling("buyer.2.key")), "resubmitted under a new generation");
        assertFalse(Files.exists(keyFile), "an erased generation is never made again");
    }

    static String token(JsonNode invites, String role) {
        return invites.get(role).asText();
    }

    /** Every file under the directory, as Latin-1 text so every byte maps to one char. */
    static String rawText(Path directory) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : files(directory)) {
            all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
        }
        return all.toString();
    }

    static boolean contains(Path directory, byte[] needle) throws IOException {
        String text = new String(needle, StandardCharsets.ISO_8859_1);
        return rawText(directory).contains(text);
    }

    static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return new ArrayList<>(walk.filter(Files::isRegularFile).toList());
        }
    }
}
