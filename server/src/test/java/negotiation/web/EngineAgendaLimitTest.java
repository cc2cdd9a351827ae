package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import negotiation.Json;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agenda the engine cannot compute a round for, once the parties' interests are opposed, is
 * refused when the room is created or amended, not when its last party submits.
 */
@ExtendWith(BlockedThreadWatch.class)
class EngineAgendaLimitTest {
    @TempDir
    Path data;

    private static String agenda(int parties, int issues) {
        ObjectNode agenda = Json.MAPPER.createObjectNode().put("title", "many parties");
        ArrayNode names = agenda.putArray("parties");
        for (int p = 0; p < parties; p++) {
            names.add("p" + p);
        }
        ArrayNode list = agenda.putArray("issues");
        for (int i = 0; i < issues; i++) {
            list.addObject().put("id", "i" + i).putArray("options").add("low").add("mid").add("high");
        }
        return agenda.toString();
    }

    @Test
    void refusedAtCreationAndAtAmendment() throws Exception {
        try (Server server = Server.start(new Server.Settings(0, data, 100));
             RoomClient client = new RoomClient(server.port())) {
            HttpAnswer eight = client.post("/api/rooms", agenda(8, 10));
            assertEquals(400, eight.status(), eight.body());
            assertEquals("bad_request", eight.errorCode());
            String message = eight.json().at("/error/message").asText();
            assertTrue(message.startsWith("the agenda has 59049 packages; with 8 parties the engine cannot compute a round"
                    + " on it for typical interests"), message);
            HttpAnswer fits = client.post("/api/rooms", agenda(8, 9));
            assertEquals(201, fits.status(), "19,683 packages fit: " + fits.body());
            assertEquals(201, client.post("/api/rooms", agenda(4, 12)).status(), "531,441 packages fit 4 parties");

            RoomClient.Room room = new RoomClient.Room(fits.json().get("roomId").asText(), fits.json().get("invites"));
            RoomClient.Socket p0 = client.connect(room, "p0");
            JsonNode refused = p0.answer(p0.send("amend", "changes", List.of(Map.of("addIssue",
                    Map.of("id", "extra", "options", List.of("a", "b", "c"))))));
            assertEquals("bad_request", refused.path("code").asText(), refused.toString());
            assertTrue(refused.path("message").asText().startsWith(
                    "the amended agenda would be invalid: the agenda has 59049 packages; with 8 parties"), refused.toString());
            assertEquals(1, client.lastSeq(room), "nothing appended");
            assertFalse(p0.closed);
        }
    }
}
