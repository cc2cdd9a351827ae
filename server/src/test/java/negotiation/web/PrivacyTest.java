package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sentinel private values (floors and aspirations no utility of this scenario can equal)
 * never reach the other party or a mediator before unseal, on any channel.
 */
@ExtendWith(BlockedThreadWatch.class)
class PrivacyTest {
    static final String BUYER_FLOOR = "5507";
    static final String BUYER_ASPIRATION = "8513";
    static final String SELLER_FLOOR = "2509";
    static final String SELLER_ASPIRATION = "6011";

    @TempDir
    Path data;

    @Test
    void noChannelShowsAPartysPrivateValuesToAnyoneElse() throws Exception {
        try (Server server = Server.start(new Server.Settings(0, data, 100));
             RoomClient buyerSide = new RoomClient(server.port());
             RoomClient sellerSide = new RoomClient(server.port());
             RoomClient mediatorSide = new RoomClient(server.port())) {
            JsonNode created = buyerSide.post("/api/rooms", Scenarios.text("pos-system")).json();
            String roomId = created.get("roomId").asText();
            JsonNode invites = created.get("invites");
            RoomClient.Socket buyer = buyerSide.connect(roomId, invites.get("buyer").asText());
            RoomClient.Socket seller = sellerSide.connect(roomId, invites.get("seller").asText());
            RoomClient.Socket mediator = mediatorSide.connect(roomId, invites.get("mediator").asText());
            for (RoomClient.Socket socket : List.of(buyer, seller, mediator)) {
                socket.acked(socket.send("hello", "after", 0));
            }

            buyer.acked(buyer.send("submitInterests", "interests", interests("buyer", BUYER_FLOOR, BUYER_ASPIRATION)));
            seller.acked(seller.send("submitInterests", "interests", interests("seller", SELLER_FLOOR, SELLER_ASPIRATION)));
            JsonNode round = seller.event("ProposalsComputed").get("data");
            assertTrue(round.get("zopa").asBoolean());
            String ref = round.get("packages").get(0).get("ref").asText();
            buyer.acked(buyer.send("offer", "package",
                    Map.of("price", 4900, "support", "1 year", "training", "included", "payment", "upfront")));
            seller.acked(seller.send("trade", "on", "o1", "give", Map.of("training", "included"), "get", Map.of("price", 5000)));
            buyer.acked(buyer.send("accept", "ref", ref));
            long agreed = seller.acked(seller.send("accept", "ref", ref)).get("seq").asLong();
            mediator.eventAt(agreed);
            buyer.eventAt(agreed);

            for (long n = 1; n <= agreed; n++) {
                readEverything(sellerSide, roomId, invites.get("seller").asText(), n);
                readEverything(mediatorSide, roomId, invites.get("mediator").asText(), n);
                readEverything(buyerSide, roomId, invites.get("buyer").asText(), n);
            }
            String buyerReceived = scrub(buyer.frames, buyerSide.received, roomId);
            String sellerReceived = scrub(seller.frames, sellerSide.received, roomId);
            String mediatorReceived = scrub(mediator.frames, mediatorSide.received, roomId);

            assertTrue(buyerReceived.contains(BUYER_FLOOR), "the scan finds a party's own values, so it would find leaks");
            for (String sentinel : List.of(BUYER_FLOOR, BUYER_ASPIRATION)) {
                assertFalse(sellerReceived.contains(sentinel), "the seller saw the buyer's " + sentinel);
                assertFalse(mediatorReceived.contains(sentinel), "the mediator saw the buyer's " + sentinel);
            }
            for (String sentinel : List.of(SELLER_FLOOR, SELLER_ASPIRATION)) {
                assertFalse(buyerReceived.contains(sentinel), "the buyer saw the seller's " + sentinel);
                assertFalse(mediatorReceived.contains(sentinel), "the mediator saw the seller's " + sentinel);
            }
            for (JsonNode event : seller.events()) {
                if (event.at("/data/party").asText().equals("buyer")) {
                    assertFalse(event.get("data").has("interests"), "no interests of the buyer at all: " + event);
                }
            }
            assertFalse(mediatorReceived.contains("\"weights\""), "no weights for a mediator before unseal");

            // After the buyer unseals, the mediator sees the buyer's interests in replays, and still none of the seller's.
            buyer.acked(buyer.send("unseal"));
            RoomClient.Socket replay = mediatorSide.connect(roomId, invites.get("mediator").asText());
            replay.acked(replay.send("hello", "after", 0));
            String unsealed = scrub(replay.frames, List.of(), roomId);
            assertTrue(unsealed.contains(BUYER_FLOOR));
            assertFalse(unsealed.contains(SELLER_FLOOR));
            JsonNode agreement = mediatorSide.get("/api/rooms/" + roomId + "/agreement", invites.get("mediator").asText()).json();
            assertEquals(List.of("buyer"), names(agreement.get("utilities")));
        }
    }

    /**
     * A caucus between a mediator and the buyer (both ways): its sentinel texts never reach the
     * seller on any channel, while the seller still gets every event (without text).
     */
    @Test
    void aCaucusWithTheBuyerNeverReachesTheSeller() throws Exception {
        String toBuyer = "caucus-sentinel-to-buyer-4471";
        String fromBuyer = "caucus-sentinel-from-buyer-9352";
        try (Server server = Server.start(new Server.Settings(0, data, 100));
             RoomClient buyerSide = new RoomClient(server.port());
             RoomClient sellerSide = new RoomClient(server.port());
             RoomClient mediatorSide = new RoomClient(server.port())) {
            RoomClient.Room room = buyerSide.openRoom("pos-system");
            RoomClient.Socket buyer = buyerSide.connect(room, "buyer");
            RoomClient.Socket seller = sellerSide.connect(room, "seller");
            RoomClient.Socket mediator = mediatorSide.connect(room, "mediator");
            for (RoomClient.Socket socket : List.of(buyer, seller, mediator)) {
                socket.acked(socket.send("hello", "after", 0));
            }
            mediator.acked(mediator.send("note", "text", toBuyer, "to", "buyer"));
            buyer.acked(buyer.send("note", "text", fromBuyer, "to", "mediator"));
            buyer.acked(buyer.send("submitInterests", "interests", interests("buyer", BUYER_FLOOR, BUYER_ASPIRATION)));
            seller.acked(seller.send("submitInterests", "interests", interests("seller", SELLER_FLOOR, SELLER_ASPIRATION)));
            String ref = seller.event("ProposalsComputed").at("/data/packages/0/ref").asText();
            buyer.acked(buyer.send("accept", "ref", ref));
            long agreed = seller.acked(seller.send("accept", "ref", ref)).get("seq").asLong();
            buyer.eventAt(agreed);
            for (long n = 1; n <= agreed; n++) {
                readEverything(sellerSide, room.id(), room.token("seller"), n);
                readEverything(buyerSide, room.id(), room.token("buyer"), n);
            }
            for (RoomClient side : List.of(sellerSide, buyerSide, mediatorSide)) {
                String role = side == sellerSide ? "seller" : side == buyerSide ? "buyer" : "mediator";
                side.get("/api/rooms/" + room.id() + "/export", room.token(role));
                side.get("/api/rooms/" + room.id() + "/analysis", room.token(role));
            }
            String sellerReceived = String.join("\n", seller.frames) + String.join("\n", sellerSide.received);
            String buyerReceived = String.join("\n", buyer.frames) + String.join("\n", buyerSide.received);
            String mediatorReceived = String.join("\n", mediator.frames) + String.join("\n", mediatorSide.received);
            for (String sentinel : List.of(toBuyer, fromBuyer)) {
                assertTrue(buyerReceived.contains(sentinel), "the buyer reads its caucus: the scan would find a leak");
                assertTrue(mediatorReceived.contains(sentinel), "a mediator reads every caucus");
                assertFalse(sellerReceived.contains(sentinel), "the seller saw the buyer's caucus text " + sentinel);
            }
            List<Long> seqs = seller.events().stream().map(e -> e.get("seq").asLong()).toList();
            assertEquals(java.util.stream.LongStream.rangeClosed(1, agreed).boxed().toList(), seqs,
                    "the seller's seq stays gapless: it gets the caucus events, without their text");
        }
    }

    static JsonNode interests(String party, String floor, String aspiration) {
        ObjectNode interests = Scenarios.json("pos-system").at("/interests/" + party).deepCopy();
        interests.put("floor", Integer.parseInt(floor));
        interests.put("aspiration", Integer.parseInt(aspiration));
        return interests;
    }

    /** Every HTTP view a role can ask for at seq n. */
    static void readEverything(RoomClient client, String roomId, String token, long n) {
        client.get("/api/rooms/" + roomId, token);
        client.get("/api/rooms/" + roomId + "/events?after=" + (n - 1), token);
        client.get("/api/rooms/" + roomId + "/state?at=" + n, token);
        client.get("/api/rooms/" + roomId + "/agreement", token);
        client.get("/api/rooms/" + roomId + "/agreement?format=md", token);
    }

    /** All text received, without timestamps, hashes and the room id, whose digits could match a sentinel by chance. */
    static String scrub(List<String> frames, List<String> bodies, String roomId) {
        List<String> all = new ArrayList<>(frames);
        all.addAll(bodies);
        // Hashes, commitments and salts too: 64 hex digits can spell a sentinel by chance.
        return String.join("\n", all).replaceAll("\"at\":\"[^\"]*\"", "").replaceAll("\\(\\d{4}-[^)]*\\)", "")
                .replace(roomId, "").replaceAll("[0-9a-f]{64}", "");
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
