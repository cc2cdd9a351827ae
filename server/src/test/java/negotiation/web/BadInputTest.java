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
import negotiation.support.Scenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input gets its error code and a precise message, appends nothing, and
 * leaves the socket open and usable.
 */
@ExtendWith(BlockedThreadWatch.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    @TempDir
    static Path data;
    Server server;
    RoomClient client;
    String roomId;
    JsonNode invites;
    RoomClient.Socket buyer;
    RoomClient.Socket mediator;
    long seqBefore;

    @BeforeAll
    void start() throws Exception {
        server = Server.start(new Server.Settings(0, data, 100));
        client = new RoomClient(server.port());
        HttpAnswer created = client.post("/api/rooms", Scenarios.text("pos-system"));
        roomId = created.json().get("roomId").asText();
        invites = created.json().get("invites");
        buyer = client.connect(roomId, invites.get("buyer").asText());
        buyer.acked(buyer.send("hello", "after", 0));
        mediator = client.connect(roomId, invites.get("mediator").asText());
        mediator.acked(mediator.send("hello", "after", 0));
    }

    @AfterAll
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @BeforeEach
    void rememberTheLog() {
        seqBefore = lastSeq();
    }

    long lastSeq() {
        return client.get("/api/rooms/" + roomId, invites.get("mediator").asText()).json().get("seq").asLong();
    }

    /** The refusal appended nothing and the socket still answers. */
    void assertNothingChanged(RoomClient.Socket socket) {
        assertEquals(seqBefore, lastSeq(), "no event appended");
        assertFalse(socket.isClosed(), "the socket stays open");
        assertEquals("ack", socket.answer(socket.send("hello", "after", seqBefore)).get("type").asText());
    }

    JsonNode refused(RoomClient.Socket socket, String code, String type, Object... fields) {
        JsonNode error = socket.answer(socket.send(type, fields));
        assertEquals("error", error.get("type").asText(), error.toString());
        assertEquals(code, error.get("code").asText(), error.toString());
        assertNothingChanged(socket);
        return error;
    }

    @Test
    void malformedJson() {
        int mark = buyer.frames.size();
        buyer.sendRaw("{\"id\": 1, \"type\": ");
        JsonNode error = buyer.anonymousErrorAfter(mark);
        assertEquals("bad_request", error.get("code").asText());
        assertTrue(error.get("message").asText().startsWith("malformed JSON"), error.toString());
        assertNothingChanged(buyer);
    }

    @Test
    void unknownType() {
        JsonNode error = refused(buyer, "bad_request", "makeMeAnOffer");
        assertEquals("unknown message type 'makeMeAnOffer'", error.get("message").asText());
    }

    @Test
    void wrongTypes() {
        JsonNode interests = Scenarios.json("pos-system").at("/interests/buyer").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) interests).put("floor", "high");
        assertEquals("interests.floor must be an integer",
                refused(buyer, "bad_request", "submitInterests", "interests", interests).get("message").asText());
        assertEquals("ref must be a string", refused(buyer, "bad_request", "accept", "ref", 12).get("message").asText());
        assertEquals("package must be an object",
                refused(buyer, "bad_request", "offer", "package", "cheap").get("message").asText());
    }

    @Test
    void unknownOption() {
        Map<String, Object> pkg = Map.of("price", 5000, "support", "forever", "training", "included", "payment", "upfront");
        assertEquals("package.support: unknown option 'forever'",
                refused(buyer, "bad_request", "offer", "package", pkg).get("message").asText());
    }

    @Test
    void weightsNotSummingTo100() {
        JsonNode interests = Scenarios.json("pos-system").at("/interests/buyer").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) interests.get("weights")).put("price", 40);
        assertEquals("weights must sum to 100, got 95",
                refused(buyer, "bad_request", "submitInterests", "interests", interests).get("message").asText());
    }

    @Test
    void unknownRef() {
        assertEquals("ref: unknown ref 'o42'", refused(buyer, "not_found", "accept", "ref", "o42").get("message").asText());
    }

    @Test
    void mediatorOffering() {
        Map<String, Object> pkg = Map.of("price", 5000, "support", "none", "training", "included", "payment", "upfront");
        assertEquals("mediators cannot make offers: only parties can",
                refused(mediator, "forbidden", "offer", "package", pkg).get("message").asText());
    }

    @Test
    void frameOver64KiB() {
        int mark = buyer.frames.size();
        buyer.sendRaw("{\"id\": \"big\", \"type\": \"note\", \"text\": \"" + "x".repeat(70_000) + "\"}");
        JsonNode error = buyer.anonymousErrorAfter(mark);
        assertEquals("too_large", error.get("code").asText());
        assertNothingChanged(buyer);
    }

    @Test
    void messageWithoutId() {
        int mark = buyer.frames.size();
        buyer.sendRaw("{\"type\": \"note\", \"text\": \"hi\"}");
        assertEquals("bad_request", buyer.anonymousErrorAfter(mark).get("code").asText());
        assertNothingChanged(buyer);
    }

    @Test
    void aBadTokenIsRefusedAtTheHandshake() {
        // A socket with no token at all is upgraded and must send auth first: SocketTokenFormsTest.
        assertTrue(client.refusedConnect(roomId, "not-a-token").getMessage().contains("401"));
        HttpAnswer view = client.get("/api/rooms/" + roomId, "not-a-token");
        assertEquals(401, view.status());
        assertEquals("unauthorized", view.errorCode());
        assertEquals(401, client.get("/api/rooms/" + roomId + "/events?after=0", null).status());
        assertEquals(seqBefore, lastSeq());
    }

    @Test
    void aTokenOpensOnlyItsOwnRoom() {
        String other = client.post("/api/rooms", Scenarios.text("orange")).json().get("roomId").asText();
        assertEquals(401, client.get("/api/rooms/" + other, invites.get("buyer").asText()).status());
    }

    @Test
    void unknownRoom() {
        HttpAnswer view = client.get("/api/rooms/nosuchroom", invites.get("buyer").asText());
        assertEquals(404, view.status());
        assertEquals("not_found", view.errorCode());
        assertTrue(client.refusedConnect("nosuchroom", invites.get("buyer").asText()).getMessage().contains("404"));
    }

    @Test
    void badAgendasAreRefusedWithTheirReason() {
        HttpAnswer malformed = client.post("/api/rooms", "{\"title\": ");
        assertEquals(400, malformed.status());
        assertEquals("bad_request", malformed.errorCode());
        HttpAnswer wrongType = client.post("/api/rooms", "{\"title\": \"t\", \"parties\": \"anna\", \"issues\": []}");
        assertEquals(400, wrongType.status());
        assertEquals("parties must be an array", wrongType.json().at("/error/message").asText());
        HttpAnswer onlyOne = client.post("/api/rooms",
                "{\"title\": \"t\", \"parties\": [\"anna\"], \"issues\": [{\"id\": \"x\", \"options\": [\"a\", \"b\"]}]}");
        assertEquals("parties must list 2 to 8 names, got 1", onlyOne.json().at("/error/message").asText());
        HttpAnswer tooBig = client.post("/api/rooms", "{\"title\": \"" + "x".repeat(300_000) + "\"}");
        assertEquals(413, tooBig.status());
        assertEquals("too_large", tooBig.errorCode());
    }

    @Test
    void badQueryParameters() {
        String token = invites.get("buyer").asText();
        assertEquals(400, client.get("/api/rooms/" + roomId + "/events?after=-1", token).status());
        assertEquals(400, client.get("/api/rooms/" + roomId + "/events?after=abc", token).status());
        for (String limit : List.of("0", "-3", "x", "1001")) {
            HttpAnswer page = client.get("/api/rooms/" + roomId + "/events?after=0&limit=" + limit, token);
            assertEquals(400, page.status(), limit);
            assertEquals("bad_request", page.errorCode());
        }
        assertEquals("limit must be at most 1000, got 1001",
                client.get("/api/rooms/" + roomId + "/events?limit=1001", token).json().at("/error/message").asText());
        assertEquals(1, client.get("/api/rooms/" + roomId + "/events?after=0&limit=1", token).json().size());
        assertEquals(404, client.get("/api/rooms/" + roomId + "/agreement", token).status());
    }

    /** The agreement and the export are built on a store worker; their errors are answered as before. */
    @Test
    void agreementAndExportErrors() {
        String token = invites.get("buyer").asText();
        for (String endpoint : List.of("/agreement", "/agreement?format=md", "/export")) {
            HttpAnswer noToken = client.get("/api/rooms/" + roomId + endpoint, null);
            assertEquals(401, noToken.status());
            assertEquals("unauthorized", noToken.errorCode());
            HttpAnswer wrongToken = client.get("/api/rooms/" + roomId + endpoint, "not-a-token");
            assertEquals(401, wrongToken.status());
            assertEquals("unauthorized", wrongToken.errorCode());
            HttpAnswer noRoom = client.get("/api/rooms/nosuchroom" + endpoint, token);
            assertEquals(404, noRoom.status());
            assertEquals("not_found", noRoom.errorCode());
            assertEquals(400, client.rawGet("/api/rooms/" + roomId + endpoint + (endpoint.contains("?") ? "&" : "?")
                    + "x=%zz", token).status());
        }
        for (String agreement : List.of("/agreement", "/agreement?format=md")) {
            HttpAnswer none = client.get("/api/rooms/" + roomId + agreement, token);
            assertEquals(404, none.status(), agreement);
            assertEquals("not_found", none.errorCode());
            assertEquals("no agreement yet", none.json().at("/error/message").asText());
        }
    }
}
