package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import negotiation.Json;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import negotiation.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's time: a round whose work units underestimate its CPU time stops at the time limit,
 * and a room that spent its share of engine time is refused rounds for a while, each with
 * rate_limited and nothing appended. A server in a child JVM, so its limits can be set as an
 * operator sets them; the room is the issue's: 3 parties on 50 issues of 64 options, whose rounds
 * run for seconds of CPU.
 */
class EngineTimeTest {
    private static final int ISSUES = 50;
    private static final int OPTIONS = 64;

    @TempDir
    Path data;

    @Test
    void theTimeLimitStopsARoundAndTheRoomsShareRunsOut() throws Exception {
        try (ServerProcess server = ServerProcess.classPath(List.of("-Xmx1g",
                "-Dnegotiation.engine.maxCpuMillis=1500", "-Dnegotiation.engine.roomCpuSecondsPerMinute=1"),
                data, data.resolve("server.log"));
             RoomClient client = new RoomClient(server.port())) {
            HttpAnswer created = client.post("/api/rooms", agenda());
            assertEquals(201, created.status(), created.body());
            RoomClient.Room room = new RoomClient.Room(created.json().get("roomId").asText(), created.json().get("invites"));
            Random random = new Random(5);
            List<String> parties = List.of("a", "b", "c");
            for (String party : parties.subList(0, 2)) {
                RoomClient.Socket socket = client.connect(room, party);
                socket.acked(socket.send("submitInterests", "interests", interests(random)));
            }
            RoomClient.Socket last = client.connect(room, "c");
            long seq = client.lastSeq(room);
            JsonNode outOfTime = last.answer(last.send("submitInterests", "interests", interests(random)));
            assertEquals("rate_limited", outOfTime.path("code").asText(), outOfTime.toString());
            assertTrue(outOfTime.path("message").asText().startsWith("round 1 not computed: the engine's time limit of"
                    + " 1500 ms of CPU per computation ran out"), outOfTime.toString());
            JsonNode spent = last.answer(last.send("submitInterests", "interests", interests(random)));
            assertEquals("rate_limited", spent.path("code").asText(), spent.toString());
            assertTrue(spent.path("message").asText().startsWith("this room used its share of the engine's time (1 s of"
                    + " CPU a minute, negotiation.engine.roomCpuSecondsPerMinute)"), spent.toString());
            assertEquals(seq, client.lastSeq(room), "nothing appended");
            assertFalse(last.closed, "the socket stays open");
            last.acked(last.send("note", "text", "other commands go on"));
        }
    }

    private static String agenda() {
        ObjectNode agenda = Json.MAPPER.createObjectNode().put("title", "large");
        agenda.putArray("parties").add("a").add("b").add("c");
        ArrayNode issues = agenda.putArray("issues");
        for (int i = 0; i < ISSUES; i++) {
            ArrayNode options = issues.addObject().put("id", "i" + i).putArray("options");
            for (int o = 0; o < OPTIONS; o++) {
                options.add("o" + o);
            }
        }
        return agenda.toString();
    }

    private static ObjectNode interests(Random random) {
        ObjectNode interests = Json.MAPPER.createObjectNode();
        ObjectNode weights = interests.putObject("weights");
        ObjectNode values = interests.putObject("values");
        for (int i = 0; i < ISSUES; i++) {
            weights.put("i" + i, 2); // 50 issues of 2: 100
            ObjectNode byOption = values.putObject("i" + i);
            for (int o = 0; o < OPTIONS; o++) {
                byOption.put("o" + o, random.nextInt(101));
            }
        }
        return interests.put("floor", 0);
    }
}
