package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocol 1.1's bad input over real WebSockets: each gets the code the protocol names (docs/protocol.md),
 * appends nothing, and leaves the socket open. The room is set up once with a stale offer
 * (o1) and a stale amendment (a2) from agenda version 1, an agreed amendment (a1), a
 * withdrawn offer (o2) and the seller's offer (o3) on version 2.
 */
@ExtendWith(BlockedThreadWatch.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkspaceBadInputTest {
    static final Map<String, Object> OPTIONS_ISSUE = Map.of("id", "warranty", "options", List.of("1 year", "2 years"));
    @TempDir
    static Path data;
    Server server;
    RoomClient client;
    RoomClient.Room room;
    RoomClient.Socket buyer;
    RoomClient.Socket seller;
    RoomClient.Socket mediator;
    long seqBefore;

    @BeforeAll
    void start() throws Exception {
        server = Server.start(new Server.Settings(0, data, 100));
        client = new RoomClient(server.port());
        room = client.openRoom("pos-system");
        buyer = client.connect(room, "buyer");
        seller = client.connect(room, "seller");
        mediator = client.connect(room, "mediator");
        for (RoomClient.Socket socket : List.of(buyer, seller, mediator)) {
            socket.acked(socket.send("hello", "after", 0));
        }
        buyer.acked(buyer.send("offer", "package", pkg(4900)));
        buyer.acked(buyer.send("amend", "changes", List.of(Map.of("addIssue", OPTIONS_ISSUE))));
        buyer.acked(buyer.send("amend", "changes", List.of(Map.of("addOptions",
                Map.of("issue", "support", "options", List.of("2 years"))))));
        seller.acked(seller.send("accept", "ref", "a1"));
        Map<String, Object> onVersion2 = new java.util.HashMap<>(pkg(5000));
        onVersion2.put("warranty", "2 years");
        buyer.acked(buyer.send("offer", "package", onVersion2));
        seller.acked(seller.send("offer", "package", onVersion2));
        buyer.acked(buyer.send("withdraw", "ref", "o2"));
    }

    @AfterAll
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @BeforeEach
    void rememberTheLog() {
        seqBefore = client.lastSeq(room);
    }

    static Map<String, Object> pkg(int price) {
        return Map.of("price", price, "support", "1 year", "training", "included", "payment", "upfront");
    }

    JsonNode refused(RoomClient.Socket socket, String code, String type, Object... fields) {
        JsonNode error = socket.answer(socket.send(type, fields));
        assertEquals("error", error.get("type").asText(), error.toString());
        assertEquals(code, error.get("code").asText(), error.toString());
        assertEquals(seqBefore, client.lastSeq(room), "no event appended");
        assertFalse(socket.isClosed(), "the socket stays open");
        assertEquals("ack", socket.answer(socket.send("hello", "after", seqBefore)).get("type").asText());
        return error;
    }

    static Map<String, Object> addOptions(String issue, List<String> options) {
        return Map.of("addOptions", Map.of("issue", issue, "options", options));
    }

    @Test
    void changeListsThatWouldBreakTheAgenda() {
        List<Object> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(Map.of("addIssue", Map.of("id", "x" + i, "options", List.of("a", "b"))));
        }
        List<String> sixtyThree = new ArrayList<>(); // training has 2 options: 65 in all
        for (int i = 0; i < 63; i++) {
            sixtyThree.add("o" + i);
        }
        assertEquals("changes must list 1 to 10 changes, got 0",
                refused(buyer, "bad_request", "amend", "changes", List.of()).get("message").asText());
        refused(buyer, "bad_request", "amend", "changes", eleven);
        assertTrue(refused(buyer, "bad_request", "amend", "changes",
                List.of(Map.of("addIssue", Map.of("id", "price", "options", List.of("a", "b")))))
                .get("message").asText().contains("issue 'price' is listed twice"));
        assertTrue(refused(buyer, "bad_request", "amend", "changes", List.of(addOptions("support", List.of("none"))))
                .get("message").asText().contains("option 'none' is listed twice"));
        assertTrue(refused(buyer, "bad_request", "amend", "changes", List.of(addOptions("training", sixtyThree)))
                .get("message").asText().contains("2 to 64 options"));
        assertTrue(refused(buyer, "bad_request", "amend", "changes", List.of(addOptions("price", List.of("4700"))))
                .get("message").asText().contains("is a range"));
        assertTrue(refused(buyer, "bad_request", "amend", "changes", List.of(addOptions("lemon", List.of("x"))))
                .get("message").asText().contains("unknown issue 'lemon'"));
        refused(buyer, "bad_request", "amend", "changes", List.of(addOptions("support", List.of())));
        // all or nothing: a valid change before a broken one applies neither
        refused(seller, "bad_request", "amend", "changes", List.of(Map.of("addIssue", Map.of("id", "delivery",
                "options", List.of("a", "b"))), addOptions("support", List.of())));
        refused(seller, "bad_request", "amend", "changes", "add training");
    }

    @Test
    void acceptingWhatWasMadeOnAnOlderAgendaVersion() {
        assertTrue(refused(seller, "conflict", "accept", "ref", "o1").get("message").asText().contains("agenda changed"));
        assertTrue(refused(seller, "conflict", "accept", "ref", "a2").get("message").asText().contains("agenda changed"));
        refused(seller, "conflict", "trade", "on", "o1", "give", Map.of("training", "included"), "get", Map.of());
    }

    @Test
    void acceptingAnAgreedAmendmentAgain() {
        assertEquals("amendment 'a1' is already agreed",
                refused(seller, "conflict", "accept", "ref", "a1").get("message").asText());
    }

    @Test
    void acceptingAWithdrawnOffer() {
        refused(seller, "conflict", "accept", "ref", "o2");
    }

    @Test
    void withdrawingAnotherPartysRefOrAnUnknownOne() {
        refused(buyer, "forbidden", "withdraw", "ref", "o3");
        refused(buyer, "not_found", "withdraw", "ref", "o99");
        refused(mediator, "forbidden", "withdraw", "ref", "o3");
        refused(buyer, "conflict", "withdraw", "ref", "o2");
        refused(buyer, "bad_request", "withdraw");
    }

    @Test
    void suggestByAParty() {
        Map<String, Object> onVersion2 = new java.util.HashMap<>(pkg(5000));
        onVersion2.put("warranty", "1 year");
        refused(buyer, "forbidden", "suggest", "package", onVersion2);
        refused(mediator, "forbidden", "accept", "ref", "o3");
    }

    @Test
    void caucusNotesOutOfBounds() {
        refused(buyer, "forbidden", "note", "text", "between us", "to", "seller");
        refused(buyer, "bad_request", "note", "text", "between us", "to", "nobody");
        refused(mediator, "bad_request", "note", "text", "between us", "to", "");
        assertEquals("text must be at most 4000 characters, got 4001",
                refused(buyer, "bad_request", "note", "text", "x".repeat(4001), "to", "mediator")
                        .get("message").asText());
    }
}
