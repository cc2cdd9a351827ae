package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two parties negotiate the point-of-sale scenario over real WebSockets against the real
 * server (H2 file store in a temp directory, a free port), and a mediator replays it.
 */
@ExtendWith(BlockedThreadWatch.class)
class NegotiationEndToEndTest {
    @TempDir
    Path data;
    Server server;
    RoomClient client;
    String roomId;
    JsonNode invites;

    @BeforeEach
    void start() throws Exception {
        server = Server.start(new Server.Settings(0, data, 100));
        client = new RoomClient(server.port());
        HttpAnswer created = client.post("/api/rooms", Scenarios.text("pos-system"));
        assertEquals(201, created.status(), created.body());
        roomId = created.json().get("roomId").asText();
        invites = created.json().get("invites");
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    String token(String role) {
        return invites.get(role).asText();
    }

    RoomClient.Socket join(String role, long after) {
        RoomClient.Socket socket = client.connect(roomId, token(role));
        socket.acked(socket.send("hello", "after", after));
        return socket;
    }

    @Test
    void roomCreationGivesOneUnguessableTokenPerPartyAndForMediators() {
        assertEquals(List.of("buyer", "seller", "mediator"), fieldNames(invites));
        for (JsonNode token : invites) {
            assertTrue(token.asText().length() >= 22, "at least 128 bits in base64: " + token);
        }
        assertNotEquals(token("buyer"), token("seller"));
        assertEquals("UP", client.get("/health", null).json().get("status").asText());
    }

    @Test
    void twoPartiesNegotiateToAgreementAndAMediatorReplaysIt() {
        RoomClient.Socket buyer = join("buyer", 0);
        RoomClient.Socket seller = join("seller", 0);
        RoomClient.Socket mediator = join("mediator", 0);
        assertEquals("RoomCreated", buyer.eventAt(1).get("kind").asText());

        buyer.acked(buyer.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/buyer")));
        assertTrue(seller.event("InterestsSubmitted").get("data").has("party"));
        assertFalse(seller.event("InterestsSubmitted").get("data").has("interests"), "the seller never sees the buyer's interests");
        seller.acked(seller.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/seller")));

        JsonNode round = buyer.event("ProposalsComputed").get("data");
        assertEquals(1, round.get("round").asInt());
        assertTrue(round.get("zopa").asBoolean());
        assertTrue(round.get("packages").size() >= 1 && round.get("packages").size() <= 3);
        for (JsonNode proposal : round.get("packages")) {
            assertEquals(PosUtilities.buyer(proposal.get("package")), proposal.get("utility").asInt(),
                    "the buyer sees its own utility of " + proposal);
            assertTrue(PosUtilities.buyerAccepts(proposal.get("package")) && PosUtilities.sellerAccepts(proposal.get("package")),
                    "every proposal is acceptable to both: " + proposal);
        }
        JsonNode sellerRound = seller.event("ProposalsComputed").get("data");
        assertEquals(round.get("packages").get(0).get("package"), sellerRound.get("packages").get(0).get("package"));
        assertEquals(PosUtilities.seller(sellerRound.get("packages").get(0).get("package")),
                sellerRound.get("packages").get(0).get("utility").asInt());

        Map<String, Object> offer = Map.of("price", 4900, "support", "1 year", "training", "included", "payment", "upfront");
        long offerSeq = buyer.acked(buyer.send("offer", "package", offer)).get("seq").asLong();
        JsonNode offered = seller.eventAt(offerSeq);
        assertEquals("o1", offered.at("/data/ref").asText());
        assertEquals(PosUtilities.seller(offered.at("/data/package")), offered.at("/data/utility").asInt());

        List<Map<String, String>> terms = List.of(Map.of("if", "uptime below 99.5% in a month", "then", "10% service credit"));
        long tradeSeq = seller.acked(seller.send("trade", "on", "o1", "give", Map.of("payment", "3 instalments over 6 months"),
                "get", Map.of("price", 5000), "terms", terms)).get("seq").asLong();
        JsonNode trade = buyer.eventAt(tradeSeq).get("data");
        assertEquals("t1", trade.get("ref").asText());
        assertEquals(5000, trade.at("/package/price").asInt());
        assertEquals("3 instalments over 6 months", trade.at("/package/payment").asText());
        assertEquals("1 year", trade.at("/package/support").asText(), "issues outside give/get keep o1's options");

        long improvementSeq = buyer.acked(buyer.send("accept", "ref", "t1")).get("seq").asLong();
        // the improvement round follows every agreement in the same command, found or not
        JsonNode improvement = buyer.eventAt(improvementSeq);
        assertEquals("ProposalsComputed", improvement.get("kind").asText());
        assertEquals("t1", improvement.at("/data/improves").asText());
        for (JsonNode p : improvement.at("/data/packages")) {
            assertEquals("10% service credit", p.at("/terms/0/then").asText(), "an improvement keeps the terms");
        }
        long agreedSeq = improvementSeq - 1;
        JsonNode buyerAgreement = buyer.eventAt(agreedSeq);
        assertEquals("AgreementReached", buyerAgreement.get("kind").asText());
        int buyerUtility = PosUtilities.buyer(trade.get("package"));
        assertEquals(buyerUtility, buyerAgreement.at("/data/utility").asInt());
        assertEquals(buyerUtility >= 8500 ? "win" : buyerUtility >= 5500 ? "not-lose" : "lose",
                buyerAgreement.at("/data/outcome").asText());
        assertEquals("10% service credit", buyerAgreement.at("/data/terms/0/then").asText());
        assertEquals("AgreementReached", seller.eventAt(agreedSeq).get("kind").asText());
        assertEquals("AgreementReached", mediator.eventAt(agreedSeq).get("kind").asText());
        assertTrue(mediator.eventAt(agreedSeq).at("/data/utilities").isEmpty(), "nobody unsealed yet");

        HttpAnswer agreement = client.get("/api/rooms/" + roomId + "/agreement", token("seller"));
        assertEquals(200, agreement.status());
        assertEquals("t1", agreement.json().get("ref").asText());
        assertEquals(PosUtilities.seller(trade.get("package")), agreement.json().get("utility").asInt());
        HttpAnswer markdown = client.get("/api/rooms/" + roomId + "/agreement?format=md", token("buyer"));
        assertTrue(markdown.body().contains("| Price | 5000 USD |"), markdown.body());
        assertTrue(markdown.body().contains("Agreed on seller's trade on `o"), markdown.body());
        assertTrue(markdown.body().contains("If uptime below 99.5% in a month, then 10% service credit."), markdown.body());

        // The mediator replays the whole session on a fresh socket and by time travel.
        RoomClient.Socket replay = join("mediator", 0);
        List<JsonNode> replayed = replay.events();
        assertEquals(improvementSeq, replayed.size());
        for (int i = 0; i < replayed.size(); i++) {
            assertEquals(i + 1, replayed.get(i).get("seq").asInt(), "gapless seq from 1");
        }
        for (long n = 1; n <= agreedSeq; n++) {
            JsonNode state = client.get("/api/rooms/" + roomId + "/state?at=" + n, token("mediator")).json();
            assertEquals(n, state.get("seq").asLong());
            assertEquals(n >= offerSeq ? 1 : 0, countKind(state.get("offers"), "offer"), "offers at " + n);
            assertEquals(n >= agreedSeq, !state.get("agreement").isNull(), "agreement at " + n);
        }
        assertEquals(404, client.get("/api/rooms/" + roomId + "/state?at=" + (improvementSeq + 1), token("mediator")).status());
        assertEquals(400, client.get("/api/rooms/" + roomId + "/state?at=0", token("mediator")).status());
        assertEquals(400, client.get("/api/rooms/" + roomId + "/state?at=x", token("mediator")).status());
    }

    @Test
    void metricsCountCommandsErrorsAndSocketsAndNeverNameATokenOrRoom() {
        RoomClient.Socket buyer = join("buyer", 0);
        buyer.acked(buyer.send("note", "text", "hello"));
        buyer.answer(buyer.send("accept", "ref", "nope"));
        String metrics = client.get("/metrics", null).body();
        assertTrue(metrics.contains("rooms_commands_total{type=\"note\"} 1.0"), metrics);
        assertTrue(metrics.contains("rooms_errors_total{code=\"not_found\"} 1.0"), metrics);
        assertTrue(metrics.contains("rooms_open_sockets 1.0"), metrics);
        assertTrue(metrics.contains("rooms_ack_latency_seconds_count 1"), metrics);
        for (JsonNode token : invites) {
            assertFalse(metrics.contains(token.asText()), "a token in /metrics");
        }
        assertFalse(metrics.contains(roomId), "a room id in /metrics");
    }

    @Test
    void reconnectingWithAfterMissesNothingAndRepeatsNothing() {
        RoomClient.Socket buyer = join("buyer", 0);
        RoomClient.Socket seller = join("seller", 0);
        seller.acked(seller.send("note", "text", "first"));
        buyer.event("NoteAdded");
        long lastSeen = buyer.events().get(buyer.events().size() - 1).get("seq").asLong();
        buyer.close();

        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.add(seller.acked(seller.send("note", "text", "while away " + i)).get("seq").asLong());
        }
        RoomClient.Socket back = client.connect(roomId, token("buyer"));
        JsonNode hello = back.acked(back.send("hello", "after", lastSeen));
        assertEquals(written.get(written.size() - 1), hello.get("seq").asLong());
        long live = seller.acked(seller.send("note", "text", "live again")).get("seq").asLong();
        back.eventAt(live);
        List<Long> seqs = back.events().stream().map(e -> e.get("seq").asLong()).toList();
        List<Long> expected = new ArrayList<>(written);
        expected.add(live);
        assertEquals(expected, seqs, "exactly the events after " + lastSeen + ", in order, once each");

        HttpAnswer tail = client.get("/api/rooms/" + roomId + "/events?after=" + lastSeen, token("buyer"));
        assertEquals(expected.size(), tail.json().size());
        assertEquals(expected.get(0), tail.json().get(0).get("seq").asLong());
    }

    @Test
    void aCommandReSentAfterAReconnectIsAppliedOnceAndAnsweredWithTheOriginalAck() {
        RoomClient.Socket buyer = join("buyer", 0);
        String frame = "{\"id\":\"offer-1\",\"type\":\"offer\",\"package\":{\"price\":4900,\"support\":\"1 year\","
                + "\"training\":\"included\",\"payment\":\"upfront\"}}";
        buyer.sendRaw(frame);
        long first = buyer.acked("offer-1").get("seq").asLong();
        buyer.close();

        RoomClient.Socket again = join("buyer", first);
        again.sendRaw(frame);
        assertEquals(first, again.acked("offer-1").get("seq").asLong(), "the original ack");
        JsonNode view = client.get("/api/rooms/" + roomId, token("buyer")).json();
        assertEquals(first, view.get("seq").asLong(), "nothing appended");
        assertEquals(1, view.get("offers").size());

        int mark = again.frames.size();
        again.sendRaw(frame.replace("4900", "5000"));
        JsonNode ack = again.await(m -> "ack".equals(m.path("type").asText()) && "offer-1".equals(m.path("id").asText()), mark);
        assertEquals(first + 1, ack.get("seq").asLong(), "a reused id with new content is a new command");
    }

    @Test
    void manySocketsInTheRoomAllSeeEveryEventOnceInOrder() {
        List<RoomClient.Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sockets.add(join(i % 3 == 0 ? "buyer" : i % 3 == 1 ? "seller" : "mediator", 0));
        }
        long last = 0;
        for (int i = 0; i < 20; i++) {
            RoomClient.Socket author = sockets.get(i % 2);
            last = author.acked(author.send("note", "text", "note " + i)).get("seq").asLong();
        }
        for (RoomClient.Socket socket : sockets) {
            socket.eventAt(last);
            List<Long> seqs = socket.events().stream().map(e -> e.get("seq").asLong()).toList();
            for (int i = 0; i < seqs.size(); i++) {
                assertEquals(i + 1, seqs.get(i));
            }
        }
    }

    @Test
    void theRoomViewShowsAPartyOnlyItsOwnInterests() {
        RoomClient.Socket buyer = join("buyer", 0);
        buyer.acked(buyer.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/buyer")));
        JsonNode own = client.get("/api/rooms/" + roomId, token("buyer")).json();
        assertEquals(5500, own.at("/interests/floor").asInt());
        assertEquals(1, own.at("/parties/0/interestsVersion").asInt());
        JsonNode other = client.get("/api/rooms/" + roomId, token("seller")).json();
        assertTrue(other.get("interests").isNull());
        assertEquals(1, other.at("/parties/0/interestsVersion").asInt(), "the seller sees that the buyer submitted");
        JsonNode mediator = client.get("/api/rooms/" + roomId, token("mediator")).json();
        assertTrue(mediator.get("interests").isEmpty());

        buyer.acked(buyer.send("unseal"));
        JsonNode unsealed = client.get("/api/rooms/" + roomId, token("mediator")).json();
        assertEquals(5500, unsealed.at("/interests/buyer/floor").asInt());
        JsonNode earlier = client.get("/api/rooms/" + roomId + "/events?after=0", token("mediator")).json();
        assertEquals(5500, earlier.get(1).at("/data/interests/floor").asInt(), "unseal opens earlier events too");
    }

    static int countKind(JsonNode offers, String kind) {
        int n = 0;
        for (JsonNode offer : offers) {
            n += kind.equals(offer.get("kind").asText()) ? 1 : 0;
        }
        return n;
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static ObjectNode copy(JsonNode node) {
        return node.deepCopy();
    }
}
