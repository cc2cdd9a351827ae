package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text people read is kept in NFC, refuses invisible and control characters with a precise
 * bad_request, and options that look the same are one option listed twice: at creation, in an
 * amendment, in notes and names. Each refusal appends nothing.
 */
@ExtendWith(BlockedThreadWatch.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfusableTextTest {
    @TempDir
    static Path data;
    Server server;
    RoomClient client;
    RoomClient.Room room;
    RoomClient.Socket buyer;

    @BeforeAll
    void start() throws Exception {
        server = Server.start(new Server.Settings(0, data, 100));
        client = new RoomClient(server.port());
        // The title and an option typed as "e" and a combining acute accent.
        HttpAnswer created = client.post("/api/rooms", agenda("\"Caf\\u0065\\u0301 contract\"", "\"blue\", \"cafe\\u0301\""));
        assertEquals(201, created.status(), created.body());
        room = new RoomClient.Room(created.json().get("roomId").asText(), created.json().get("invites"));
        buyer = client.connect(room, "buyer");
    }

    @AfterAll
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private static String agenda(String title, String options) {
        return "{\"title\": " + title + ", \"parties\": [\"buyer\", \"seller\"], \"issues\": ["
                + "{\"id\": \"colour\", \"label\": \"Colour\", \"options\": [" + options + "]}]}";
    }

    private String refusedAtCreation(String body) {
        HttpAnswer answer = client.post("/api/rooms", body);
        assertEquals(400, answer.status(), answer.body());
        assertEquals("bad_request", answer.errorCode());
        return answer.json().at("/error/message").asText();
    }

    @Test
    void textIsKeptInNfc() {
        JsonNode view = client.get("/api/rooms/" + room.id(), room.token("buyer")).json();
        assertEquals("Caf\u00e9 contract", view.at("/agenda/title").asText());
        assertEquals("caf\u00e9", view.at("/agenda/issues/0/options/1").asText());
    }

    @Test
    void invisibleAndControlCharactersAreRefusedAtCreation() {
        assertEquals("issues[0].options[1]: character 5 is U+200B (ZERO WIDTH SPACE), an invisible or control "
                + "character; text may not contain one", refusedAtCreation(agenda("\"t\"", "\"blue\", \"blue\\u200b\"")));
        assertTrue(refusedAtCreation(agenda("\"abc\\u202edef\"", "\"a\", \"b\""))
                .startsWith("title: character 4 is U+202E (RIGHT-TO-LEFT OVERRIDE)"));
        assertTrue(refusedAtCreation(agenda("\"a\\u0000b\"", "\"a\", \"b\"")).startsWith("title: character 2 is U+0000"));
        assertTrue(refusedAtCreation(agenda("\"bell\\u0007\"", "\"a\", \"b\"")).startsWith("title: character 5 is U+0007"));
        String agenda = agenda("\"t\"", "\"a\", \"b\"");
        String names = agenda.substring(0, agenda.length() - 1) + ", \"names\": {\"buyer\": \"Ann\\u2066a\"}}";
        assertTrue(refusedAtCreation(names).startsWith("names.buyer: character 4 is U+2066"), names);
    }

    @Test
    void optionsThatLookTheSameAreDuplicates() {
        assertEquals("issue 'colour': option 'caf\u00e9' is listed twice",
                refusedAtCreation(agenda("\"t\"", "\"caf\\u00e9\", \"cafe\\u0301\"")));
        assertEquals("issue 'colour': option 'blue\u00a0green' is listed twice (as 'blue green', which looks the same)",
                refusedAtCreation(agenda("\"t\"", "\"blue green\", \"blue\\u00a0green\"")));
    }

    @Test
    void amendmentsAndNotesFollowTheSameRules() {
        long seq = client.lastSeq(room);
        JsonNode zeroWidth = buyer.answer(buyer.send("amend", "changes",
                List.of(Map.of("addOptions", Map.of("issue", "colour", "options", List.of("blue\u200b"))))));
        assertEquals("bad_request", zeroWidth.path("code").asText(), zeroWidth.toString());
        assertTrue(zeroWidth.path("message").asText().startsWith("changes[0].addOptions.options[0]: character 5 is U+200B"),
                zeroWidth.toString());
        JsonNode composed = buyer.answer(buyer.send("amend", "changes",
                List.of(Map.of("addOptions", Map.of("issue", "colour", "options", List.of("caf\u00e9"))))));
        assertEquals("bad_request", composed.path("code").asText(), composed.toString());
        assertTrue(composed.path("message").asText().endsWith("option 'caf\u00e9' is listed twice"), composed.toString());
        JsonNode override = buyer.answer(buyer.send("note", "text", "pay \u202e001 USD"));
        assertEquals("bad_request", override.path("code").asText(), override.toString());
        assertTrue(override.path("message").asText().startsWith("text: character 5 is U+202E"), override.toString());
        assertEquals(seq, client.lastSeq(room), "nothing appended");
        assertFalse(buyer.closed);

        buyer.acked(buyer.send("note", "text", "two lines,\n\tindented, cafe\u0301"));
        JsonNode events = client.get("/api/rooms/" + room.id() + "/events?after=" + seq, room.token("buyer")).json();
        assertEquals("two lines,\n\tindented, caf\u00e9", events.get(0).at("/data/text").asText(), events.toString());
    }
}
