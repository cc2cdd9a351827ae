package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
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
 * A number the protocol cannot take (too large for its field, a fraction where an integer goes)
 * is refused naming the field as the protocol does and what it must be: never Java's class names
 * or Jackson's reference chain. Nothing is appended and the socket stays open.
 */
@ExtendWith(BlockedThreadWatch.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NumberErrorsTest {
    @TempDir
    static Path data;
    Server server;
    RoomClient client;

    @BeforeAll
    void start() throws Exception {
        server = Server.start(new Server.Settings(0, data, 100));
        client = new RoomClient(server.port());
    }

    @AfterAll
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private String refused(String body) {
        HttpAnswer answer = client.post("/api/rooms", body);
        assertEquals(400, answer.status(), answer.body());
        assertEquals("bad_request", answer.errorCode());
        String message = answer.json().at("/error/message").asText();
        assertFalse(message.contains("negotiation.") || message.contains("java.") || message.contains("->"), message);
        return message;
    }

    private static String range(String max) {
        return "{\"title\": \"t\", \"parties\": [\"a\", \"b\"], \"issues\": [{\"id\": \"price\", \"range\": "
                + "{\"min\": 0, \"max\": " + max + ", \"step\": 1}}]}";
    }

    @Test
    void agendaNumbers() {
        assertEquals("issues[0].range.max must be an integer from -2147483648 to 2147483647, got 99999999999",
                refused(range("99999999999")));
        assertEquals("issues[0].range.max must be an integer from -2147483648 to 2147483647, got 99999999999999999999999",
                refused(range("99999999999999999999999")));
        assertEquals("issues[0].range.max must be an integer", refused(range("1e30")));
        assertEquals("issues[0].range.max must be an integer", refused(range("1.5")));
        assertEquals("issues[0].range.max must be an integer", refused(range("\"12\"")));
    }

    @Test
    void frameNumbers() {
        RoomClient.Room room = client.openRoom("pos-system");
        RoomClient.Socket buyer = client.connect(room, "buyer");
        for (String frame : new String[] {
                "{\"id\": \"n1\", \"type\": \"narrowPrivacy\", \"band\": 3000000000}",
                "{\"id\": \"n2\", \"type\": \"narrowPrivacy\", \"band\": 1e3}",
                "{\"id\": \"n3\", \"type\": \"submitInterests\", \"interests\": {\"weights\": {\"price\": 99999999999}}}",
                "{\"id\": \"n4\", \"type\": \"submitInterests\", \"interests\": {\"floor\": 1.25}}",
                "{\"id\": \"n5\", \"type\": \"offer\", \"package\": {\"price\": 1e400}}"}) {
            buyer.sendRaw(frame);
        }
        String[] expected = {
            "band must be an integer from -2147483648 to 2147483647, got 3000000000",
            "band must be an integer",
            "interests.weights must be an integer from -2147483648 to 2147483647, got 99999999999",
            "interests.floor must be an integer",
            "package.price: unknown option Infinity"};
        for (int i = 0; i < expected.length; i++) {
            JsonNode error = buyer.answer("n" + (i + 1));
            assertEquals("bad_request", error.path("code").asText(), error.toString());
            assertEquals(expected[i], error.path("message").asText());
        }
        assertEquals(1, client.lastSeq(room), "nothing appended");
        assertFalse(buyer.closed, "the socket stays open");
    }
}
