package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Random;
import negotiation.Json;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A two-party room of 50 issues x 100 options (1e100 packages) gets its exact round over the real server. */
@ExtendWith(BlockedThreadWatch.class)
class LargeAgendaEndToEndTest {
    static final int ISSUES = 50;
    static final int OPTIONS = 100;

    @TempDir
    Path data;

    @Test
    void fiftyIssuesOfAHundredOptionsGetProposalsThatShowEachPartyItsOwnUtility() throws Exception {
        Random random = new Random(50100);
        ObjectNode agenda = Json.MAPPER.createObjectNode().put("title", "A big deal");
        agenda.putArray("parties").add("anna").add("beth");
        ArrayNode issues = agenda.putArray("issues");
        for (int i = 0; i < ISSUES; i++) {
            issues.addObject().put("id", "i" + i).putObject("range").put("min", 0).put("max", OPTIONS - 1).put("step", 1);
        }
        ObjectNode anna = interests(random);
        ObjectNode beth = interests(random);
        try (Server server = Server.start(new Server.Settings(0, data, 100)); RoomClient client = new RoomClient(server.port())) {
            JsonNode room = client.post("/api/rooms", agenda.toString()).json();
            String roomId = room.get("roomId").asText();
            RoomClient.Socket a = client.connect(roomId, room.at("/invites/anna").asText());
            RoomClient.Socket b = client.connect(roomId, room.at("/invites/beth").asText());
            a.acked(a.send("hello", "after", 0));
            a.acked(a.send("submitInterests", "interests", anna));
            b.acked(b.send("submitInterests", "interests", beth));
            JsonNode round = a.event("ProposalsComputed").get("data");
            assertTrue(round.get("zopa").asBoolean());
            assertTrue(round.get("packages").size() >= 1 && round.get("packages").size() <= 3);
            for (JsonNode proposal : round.get("packages")) {
                int utility = utility(anna, proposal.get("package"));
                assertEquals(utility, proposal.get("utility").asInt(), "anna's own utility of " + proposal.get("ref"));
                assertTrue(utility >= anna.get("floor").asInt(), "above anna's floor");
            }
        }
    }

    /** Random weights summing to 100 and random values per option; a floor most packages clear. */
    static ObjectNode interests(Random random) {
        ObjectNode interests = Json.MAPPER.createObjectNode();
        ObjectNode weights = interests.putObject("weights");
        ObjectNode values = interests.putObject("values");
        int left = 100;
        for (int i = 0; i < ISSUES; i++) {
            int weight = i == ISSUES - 1 ? left : Math.min(left, random.nextInt(5));
            left -= weight;
            weights.put("i" + i, weight);
            ObjectNode perOption = values.putObject("i" + i);
            for (int o = 0; o < OPTIONS; o++) {
                perOption.put(Integer.toString(o), random.nextInt(101));
            }
        }
        interests.put("floor", 3000);
        return interests;
    }

    static int utility(JsonNode interests, JsonNode pkg) {
        int utility = 0;
        for (int i = 0; i < ISSUES; i++) {
            String option = pkg.get("i" + i).asText();
            utility += interests.at("/weights/i" + i).asInt() * interests.at("/values/i" + i + "/" + option).asInt();
        }
        return utility;
    }
}
