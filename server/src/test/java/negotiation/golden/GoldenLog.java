package negotiation.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import negotiation.Json;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;

/**
 * What the golden log pins per room and role, read from a running server over HTTP: the
 * events as that role is given them, the room view at every seq ({@code state?at=N}) and the
 * head hash of the role's export. {@link GoldenLogWriter} stores it beside the data directory
 * it was read from; {@code GoldenLogTest} reads it again from a server started on a copy of that
 * directory and expects the very same JSON.
 */
final class GoldenLog {
    /** The committed golden log, relative to the server module. */
    static final String FOLDER = "src/test/resources/golden";

    private GoldenLog() {
    }

    /** The room as one role sees it, at every seq. */
    static ObjectNode read(RoomClient client, String roomId, String token) {
        String room = "/api/rooms/" + roomId;
        ObjectNode record = Json.MAPPER.createObjectNode();
        ArrayNode events = (ArrayNode) ok(client.get(room + "/events?after=0", token));
        record.set("events", events);
        ArrayNode states = record.putArray("states");
        for (int seq = 1; seq <= events.size(); seq++) {
            states.add(ok(client.get(room + "/state?at=" + seq, token)));
        }
        record.put("exportHead", exportHead(client.get(room + "/export", token)));
        return record;
    }

    /** The session analysis as one role is given it ({@code GET /api/rooms/{id}/analysis}), after the last event. */
    static JsonNode analysis(RoomClient client, String roomId, String token) {
        return ok(client.get("/api/rooms/" + roomId + "/analysis", token));
    }

    /** The head of an export: its header's, which must be its last event's hash too. */
    private static String exportHead(HttpAnswer export) {
        if (export.status() != 200) {
            throw new AssertionError("export failed: " + export.body());
        }
        List<String> lines = export.body().lines().toList();
        try {
            String head = Json.MAPPER.readTree(lines.get(0)).get("head").asText();
            String last = Json.MAPPER.readTree(lines.get(lines.size() - 1)).get("hash").asText();
            if (!head.equals(last)) {
                throw new AssertionError("the export's header names head " + head + ", its last line " + last);
            }
            return head;
        } catch (java.io.IOException e) {
            throw new AssertionError("an export line is not JSON", e);
        }
    }

    private static JsonNode ok(HttpAnswer answer) {
        if (answer.status() != 200) {
            throw new AssertionError("expected 200, got " + answer.status() + ": " + answer.body());
        }
        return answer.json();
    }
}
