package negotiation.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import negotiation.Json;
import negotiation.Server;
import negotiation.mediation.ChainVerifier;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.DataDirectories;
import negotiation.support.RoomClient;
import negotiation.web.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored history keeps reading as it was written: a server started on a copy of the committed
 * golden data directory (src/test/resources/golden, written by an earlier build with every event
 * kind) gives each party and the mediator the same events, the same room view at every seq and
 * the same export head as the build that wrote it.
 */
@ExtendWith(BlockedThreadWatch.class)
class GoldenLogTest {
    private static final Path GOLDEN = Path.of(GoldenLog.FOLDER);

    @TempDir
    Path data;

    @Test
    void theGoldenLogReadsAsItWasWritten() throws Exception {
        DataDirectories.copy(GOLDEN.resolve("data"), data);
        JsonNode rooms = Json.MAPPER.readTree(GOLDEN.resolve("rooms.json").toFile());
        Set<String> kinds = new TreeSet<>();
        try (Server server = Server.start(new Server.Settings(0, data, 100, Limits.DEFAULTS));
             RoomClient client = new RoomClient(server.port())) {
            for (JsonNode room : rooms) {
                for (String role : List.of("anna", "beth", "mediator")) {
                    String name = room.get("name").asText() + "-" + role;
                    JsonNode expected = Json.MAPPER.readTree(GOLDEN.resolve("expected").resolve(name + ".json").toFile());
                    JsonNode actual = GoldenLog.read(client, room.get("roomId").asText(),
                            room.get("invites").get(role).asText());
                    assertEquals(expected.get("events"), actual.get("events"), name + ": events");
                    for (int i = 0; i < expected.get("states").size(); i++) {
                        assertEquals(expected.get("states").get(i), withoutLaterMembers(actual.get("states").get(i)),
                                name + ": the view at seq " + (i + 1));
                    }
                    assertEquals(expected.get("states").size(), actual.get("states").size(), name + ": seqs");
                    assertEquals(expected.get("exportHead"), actual.get("exportHead"), name + ": export head");
                    assertEquals(Json.MAPPER.readTree(GOLDEN.resolve("analysis").resolve(name + ".json").toFile()),
                            GoldenLog.analysis(client, room.get("roomId").asText(), room.get("invites").get(role).asText()),
                            name + ": the session analysis");
                    expected.get("events").forEach(event -> kinds.add(event.get("kind").asText()));
                }
            }
        }
        assertTrue(kinds.containsAll(GoldenLogWriter.KINDS), "every event kind is in the golden log: " + kinds);
    }

    /**
     * A view without the members added to views since the golden log was written, checked to hold
     * what a room created before them has: the default privacy level, each party named by its id.
     */
    private static JsonNode withoutLaterMembers(JsonNode view) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = view.deepCopy();
        assertEquals(2000, copy.remove("privacy").get("band").asInt(), "a room from before levels has the default");
        copy.remove("names").fields().forEachRemaining(name -> assertEquals(name.getKey(), name.getValue().asText()));
        return copy;
    }

    /**
     * The exports committed in exports/ (taken from main 4362233, before links were stored) still
     * verify offline and end at the head served today; the golden rooms' events carry no stored
     * link, and an event appended now stores one that chains on from them.
     */
    @Test
    void exportsTakenBeforeStillVerifyAndTheChainGoesOn() throws Exception {
        DataDirectories.copy(GOLDEN.resolve("data"), data);
        JsonNode rooms = Json.MAPPER.readTree(GOLDEN.resolve("rooms.json").toFile());
        try (Server server = Server.start(new Server.Settings(0, data, 100, Limits.DEFAULTS));
             RoomClient client = new RoomClient(server.port())) {
            for (JsonNode room : rooms) {
                String roomId = room.get("roomId").asText();
                String mediator = room.get("invites").get("mediator").asText();
                for (String role : List.of("anna", "beth", "mediator")) {
                    Path file = GOLDEN.resolve("exports").resolve(room.get("name").asText() + "-" + role + ".ndjson");
                    ChainVerifier.Verification before = verify(Files.readString(file));
                    assertTrue(before.intact(), file + ": " + before.reason());
                    assertEquals(client.get("/api/rooms/" + roomId, mediator).json().get("head").asText(), before.head(),
                            file + " ends at the head served today");
                }
            }
            JsonNode orange = rooms.get(0);
            String roomId = orange.get("roomId").asText();
            String anna = orange.get("invites").get("anna").asText();
            String exportBefore = Files.readString(GOLDEN.resolve("exports").resolve("orange-anna.ndjson"));
            RoomClient.Socket socket = client.connect(roomId, anna);
            socket.acked(socket.send("note", "text", "written after links were stored"));
            String exportNow = client.get("/api/rooms/" + roomId + "/export", anna).body();
            ChainVerifier.Verification now = verify(exportNow);
            assertTrue(now.intact(), now.reason());
            List<String> linesBefore = exportBefore.lines().skip(1).toList();
            List<String> linesNow = exportNow.lines().skip(1).toList();
            assertEquals(linesBefore.size() + 1, linesNow.size());
            for (int i = 0; i < linesBefore.size(); i++) {
                assertEquals(Json.MAPPER.readTree(linesBefore.get(i)).get("hash"), Json.MAPPER.readTree(linesNow.get(i)).get("hash"),
                        "seq " + (i + 1) + " keeps its hash");
            }
        }
    }

    private static ChainVerifier.Verification verify(String export) throws java.io.IOException {
        return ChainVerifier.verify(new BufferedReader(new StringReader(export)), event -> { });
    }
}
