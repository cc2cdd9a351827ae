package negotiation.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import negotiation.Json;
import negotiation.Server;
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
                        assertEquals(expected.get("states").get(i), actual.get("states").get(i),
                                name + ": the view at seq " + (i + 1));
                    }
                    assertEquals(expected.get("states").size(), actual.get("states").size(), name + ": seqs");
                    assertEquals(expected.get("exportHead"), actual.get("exportHead"), name + ": export head");
                    expected.get("events").forEach(event -> kinds.add(event.get("kind").asText()));
                }
            }
        }
        assertTrue(kinds.containsAll(GoldenLogWriter.KINDS), "every event kind is in the golden log: " + kinds);
    }
}
