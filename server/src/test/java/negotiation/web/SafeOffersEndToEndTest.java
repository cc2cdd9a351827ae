package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import negotiation.Json;
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
 * Protocol 1.2 over a real server and real WebSockets: a deal the public round hides, found through
 * a party's own safe offers with nobody changing a walk-away point; privacy levels and display names
 * at creation; a party narrowing its own band.
 */
@ExtendWith(BlockedThreadWatch.class)
class SafeOffersEndToEndTest {
    /** Both walk-away points a few hundred points under 5000 USD / 1 year / no training / upfront (5875 and 4350). */
    private static final int BUYER_FLOOR = 5600;
    private static final int SELLER_FLOOR = 4100;

    @TempDir
    Path data;
    Server server;
    RoomClient client;

    @BeforeEach
    void open() throws Exception {
        server = Server.start(new Server.Settings(0, data, 3));
        client = new RoomClient(server.port());
    }

    @AfterEach
    void close() throws Exception {
        client.close();
        server.close();
    }

    private RoomClient.Room create(Object privacy, Object names) {
        ObjectNode body = (ObjectNode) Scenarios.json("pos-system").deepCopy();
        body.remove("interests");
        if (privacy != null) body.set("privacy", Json.MAPPER.valueToTree(privacy));
        if (names != null) body.set("names", Json.MAPPER.valueToTree(names));
        HttpAnswer created = client.post("/api/rooms", body.toString());
        assertEquals(201, created.status(), created.body());
        return new RoomClient.Room(created.json().get("roomId").asText(), created.json().get("invites"));
    }

    private static JsonNode interests(String party, int floor) {
        ObjectNode interests = (ObjectNode) Scenarios.json("pos-system").at("/interests/" + party).deepCopy();
        return interests.put("floor", floor);
    }

    private static RoomClient.Socket joined(RoomClient.Socket socket) {
        socket.acked(socket.send("hello", "after", 0));
        return socket;
    }

    @Test
    void aDealThePublicRoundHidesIsFoundThroughASafeOfferWithNoWalkAwayPointChanged() {
        // The cut of the bands comes from each round's random seed: in about 2 rooms of 100 the public round
        // shows the deal itself; then the room is opened again.
        for (int attempt = 1; ; attempt++) {
            RoomClient.Room room = create(null, null);
            RoomClient.Socket buyer = joined(client.connect(room, "buyer"));
            RoomClient.Socket seller = joined(client.connect(room, "seller"));
            RoomClient.Socket mediator = joined(client.connect(room, "mediator"));
            buyer.acked(buyer.send("submitInterests", "interests", interests("buyer", BUYER_FLOOR)));
            long roundSeq = seller.acked(seller.send("submitInterests", "interests", interests("seller", SELLER_FLOOR)))
                    .get("seq").asLong();
            JsonNode forBuyer = buyer.eventAt(roundSeq).get("data");
            JsonNode forSeller = seller.eventAt(roundSeq).get("data");
            if (!forBuyer.get("packages").isEmpty()) {
                assertTrue(attempt < 8, "the public round showed the deal in " + attempt + " rooms running");
                continue;
            }
            assertFalse(forBuyer.get("zopa").asBoolean(), "publicly, no package clears every band");
            assertTrue(forBuyer.has("safeOffers") || forSeller.has("safeOffers"), "a party sees a safe offer: "
                    + forBuyer + " / " + forSeller);
            assertFalse(mediator.eventAt(roundSeq).get("data").has("safeOffers"), "no mediator sees them before an unseal");

            String author = forBuyer.has("safeOffers") ? "buyer" : "seller";
            String other = author.equals("buyer") ? "seller" : "buyer";
            RoomClient.Socket authorSocket = author.equals("buyer") ? buyer : seller;
            RoomClient.Socket otherSocket = author.equals("buyer") ? seller : buyer;
            JsonNode mine = (author.equals("buyer") ? forBuyer : forSeller).get("safeOffers");
            JsonNode theirs = (author.equals("buyer") ? forSeller : forBuyer).get("safeOffers");
            for (JsonNode offer : mine) {
                int own = offer.get("utility").asInt();
                assertTrue(own >= (author.equals("buyer") ? BUYER_FLOOR : SELLER_FLOOR), "clears its own floor: " + offer);
                assertTrue(offer.at("/package/price").asInt() <= 5000, "within the buyer's cap: " + offer);
                int otherUtility = author.equals("buyer") ? PosUtilities.seller(offer.get("package"))
                        : PosUtilities.buyer(offer.get("package"));
                assertTrue(otherUtility >= (author.equals("buyer") ? SELLER_FLOOR : BUYER_FLOOR),
                        "and the other side's: " + offer);
                if (theirs != null) {
                    assertFalse(theirs.toString().contains(offer.get("package").toString())
                            && theirs.toString().contains("\"utility\":" + own), "never shown with the other's utility");
                }
            }
            // Every channel of the other party and of the mediator is free of the author's safe offers.
            String privately = mine.toString();
            HttpAnswer othersEvents = client.get("/api/rooms/" + room.id() + "/events?after=0", room.token(other));
            assertFalse(othersEvents.body().contains(privately), "the other party's events");
            assertFalse(client.get("/api/rooms/" + room.id() + "/export", room.token(other)).body().contains(privately));
            assertFalse(client.get("/api/rooms/" + room.id() + "/export", room.token("mediator")).body()
                    .contains(privately), "the mediator's export before an unseal");
            JsonNode authorsView = client.get("/api/rooms/" + room.id(), room.token(author)).json();
            assertEquals(mine, authorsView.get("safeOffers"), "the author's room view holds them");
            assertFalse(client.get("/api/rooms/" + room.id(), room.token(other)).body().contains(privately));

            // Offering one tells the other side only that the author would accept it; the other accepts.
            long offered = authorSocket.acked(authorSocket.send("offer", "package", mine.get(0).get("package")))
                    .get("seq").asLong();
            String ref = otherSocket.eventAt(offered).at("/data/ref").asText();
            long improvementSeq = otherSocket.acked(otherSocket.send("accept", "ref", ref)).get("seq").asLong();
            JsonNode agreement = buyer.eventAt(improvementSeq - 1);
            assertEquals("AgreementReached", agreement.get("kind").asText());
            assertEquals("not-lose", agreement.at("/data/outcome").asText(), "the buyer clears its walk-away point");
            assertEquals("not-lose", seller.eventAt(improvementSeq - 1).at("/data/outcome").asText());
            JsonNode improvement = mediator.eventAt(improvementSeq);
            assertEquals("ProposalsComputed", improvement.get("kind").asText());
            assertEquals(ref, improvement.at("/data/improves").asText(), "an improvement round follows every agreement");

            // Once the author unseals, a mediator sees its safe offers, earlier rounds included.
            authorSocket.acked(authorSocket.send("unseal"));
            JsonNode replayed = client.get("/api/rooms/" + room.id() + "/events?after=0", room.token("mediator")).json();
            JsonNode round = null;
            for (JsonNode event : replayed) {
                if (event.get("seq").asLong() == roundSeq) round = event;
            }
            assertNotNull(round);
            assertEquals(mine.get(0).get("package"), round.at("/data/safeOffers/" + author + "/0/package"), round.toString());
            assertFalse(round.at("/data/safeOffers").has(other), "never those of a party still sealed");
            return;
        }
    }

    @Test
    void aRoomIsCreatedAtTheLevelAskedForAndNamesItsParties() {
        RoomClient.Room room = create(Map.of("band", 1000), Map.of("buyer", "  Boutique Ana  ", "seller", "Kassen GmbH"));
        RoomClient.Socket buyer = joined(client.connect(room, "buyer"));
        JsonNode created = buyer.eventAt(1).get("data");
        assertEquals(1000, created.at("/privacy/band").asInt());
        assertEquals("Boutique Ana", created.at("/names/buyer").asText(), "trimmed");
        JsonNode view = client.get("/api/rooms/" + room.id(), room.token("seller")).json();
        assertEquals(1000, view.at("/privacy/band").asInt());
        assertEquals("Kassen GmbH", view.at("/names/seller").asText());
        RoomClient.Room plain = create(null, Map.of("seller", "Kassen GmbH"));
        JsonNode defaults = client.get("/api/rooms/" + plain.id(), plain.token("buyer")).json();
        assertEquals(2000, defaults.at("/privacy/band").asInt(), "the default level");
        assertEquals("buyer", defaults.at("/names/buyer").asText(), "a missing name is the party's id");
    }

    @Test
    void aPrivacyLevelOrNameOutOfBoundsIsABadRequestAndCreatesNothing() {
        List<String> refused = List.of(
                "\"privacy\": {\"band\": 1500}", "\"privacy\": {\"band\": \"2000\"}", "\"privacy\": {\"band\": 2000.5}",
                "\"privacy\": 2000", "\"privacy\": {\"band\": 2000, \"extra\": 1}", "\"privacy\": {}",
                "\"names\": {\"nobody\": \"X\"}", "\"names\": {\"buyer\": \"   \"}",
                "\"names\": {\"buyer\": \"" + "n".repeat(61) + "\"}", "\"names\": {\"buyer\": \"Seller\"}",
                "\"names\": {\"buyer\": \"A\\u0007B\"}");
        String agenda = Scenarios.text("pos-system").trim();
        for (String member : refused) {
            String body = agenda.substring(0, agenda.length() - 1) + ", " + member + "}";
            HttpAnswer answer = client.post("/api/rooms", body);
            assertEquals(400, answer.status(), member + ": " + answer.body());
            assertEquals("bad_request", answer.json().at("/error/code").asText(), member);
        }
        assertEquals(201, client.post("/api/rooms", agenda.substring(0, agenda.length() - 1)
                + ", \"privacy\": {\"band\": 0}, \"names\": {\"buyer\": \"Ana\"}}").status(), "band 0: exact floors");
    }

    @Test
    void aPartyNarrowsItsOwnBandAndEveryoneSeesThatItDid() {
        RoomClient.Room room = create(null, null);
        RoomClient.Socket buyer = joined(client.connect(room, "buyer"));
        RoomClient.Socket seller = joined(client.connect(room, "seller"));
        RoomClient.Socket mediator = joined(client.connect(room, "mediator"));
        for (Object band : List.of(2000, 250, 3000, "500", -1)) {
            JsonNode refused = buyer.answer(buyer.send("narrowPrivacy", "band", band));
            assertEquals("bad_request", refused.get("code").asText(), band + ": " + refused);
        }
        assertEquals("forbidden", mediator.answer(mediator.send("narrowPrivacy", "band", 500)).get("code").asText());
        assertEquals("bad_request", mediator.answer(mediator.send("narrowPrivacy", "band", 700)).get("code").asText(),
                "a malformed band before the wrong role");
        long narrowed = buyer.acked(buyer.send("narrowPrivacy", "band", 500)).get("seq").asLong();
        JsonNode event = seller.eventAt(narrowed);
        assertEquals("PrivacyNarrowed", event.get("kind").asText());
        assertEquals(Map.of("party", "buyer", "band", 500), Json.MAPPER.convertValue(event.get("data"), Map.class));
        assertEquals(narrowed, client.lastSeq(room), "each refusal appended nothing");
        JsonNode widen = buyer.answer(buyer.send("narrowPrivacy", "band", 1000));
        assertEquals("bad_request", widen.get("code").asText(), "a narrowed band is never widened: " + widen);
        assertEquals(500, client.get("/api/rooms/" + room.id(), room.token("mediator")).json().at("/narrowed/buyer").asInt());
        // The next round shows the buyer's floor at the finer resolution: the room says how wide it was.
        buyer.acked(buyer.send("submitInterests", "interests", interests("buyer", BUYER_FLOOR)));
        long round = seller.acked(seller.send("submitInterests", "interests", interests("seller", SELLER_FLOOR)))
                .get("seq").asLong();
        assertEquals("ProposalsComputed", mediator.eventAt(round).get("kind").asText());
    }
}
