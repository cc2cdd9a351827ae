package negotiation.mediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import negotiation.Json;
import negotiation.support.BlockedThreadWatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session analysis of the point-of-sale negotiation ({@link PosSession}), checked against
 * figures worked out by hand from the scenario's interests: utility = sum of weight x value,
 * price values linear and rounded half up (buyer "low", seller "high" over 4800..5600).
 */
@ExtendWith(BlockedThreadWatch.class)
class SessionAnalysisTest {
    // Buyer weights 45/25/15/15; seller 70/10/8/12. Price values: 5400 -> buyer 25, seller 75;
    // 4900 -> buyer round(87.5) = 88, seller round(12.5) = 13; 5000 -> 75 / 25; 5200 -> 50 / 50.
    static final int BUYER_O1 = 45 * 25 + 25 * 0 + 15 * 0 + 15 * 0;          // 1125
    static final int SELLER_O1 = 70 * 75 + 10 * 100 + 8 * 100 + 12 * 100;    // 8250
    static final int BUYER_O2 = 45 * 88 + 25 * 100 + 15 * 100 + 15 * 0;      // 7960
    static final int SELLER_O2 = 70 * 13 + 10 * 60 + 8 * 70 + 12 * 100;      // 3270
    static final int BUYER_T1 = 45 * 75 + 25 * 100 + 15 * 100 + 15 * 100;    // 8875
    static final int SELLER_T1 = 70 * 25 + 10 * 60 + 8 * 70 + 12 * 75;       // 3810
    // The middle package: every issue at its middle option (the lower one of an even count):
    // price 5200, support "6 months", training "not included", payment "upfront".
    static final int BUYER_MIDDLE = 45 * 50 + 25 * 60 + 15 * 0 + 15 * 0;      // 3750
    static final int SELLER_MIDDLE = 70 * 50 + 10 * 80 + 8 * 100 + 12 * 100; // 6300

    @TempDir
    Path data;
    PosSession room;

    @BeforeEach
    void start() throws Exception {
        room = PosSession.open(data);
    }

    @AfterEach
    void stop() throws Exception {
        room.close();
    }

    JsonNode analysis(String role) {
        var answer = room.get("/analysis", role);
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    @Test
    void aMediatorSeesEveryFigureOnceBothPartiesUnsealed() {
        room.negotiate(true);
        JsonNode a = analysis("mediator");
        JsonNode events = json(room.get("/events?after=0", "mediator").body());
        assertEquals(Duration.between(Instant.parse(events.get(0).get("at").asText()),
                Instant.parse(events.get(10).get("at").asText())).toMillis(), a.get("timeToAgreementMillis").asLong());
        assertEquals(1, a.get("rounds").asInt());
        assertEquals(json("{\"buyer\":{\"offers\":1,\"trades\":0,\"accepts\":1,\"rejects\":1},"
                + "\"seller\":{\"offers\":1,\"trades\":1,\"accepts\":0,\"rejects\":0}}"), a.get("moves"));
        assertEquals(List.of("buyer", "seller"), names(a.get("visible")));

        JsonNode moves = a.get("concessions");
        assertEquals(List.of("o1", "o2", "t1"), List.of(moves.get(0).get("ref").asText(), moves.get(1).get("ref").asText(),
                moves.get(2).get("ref").asText()));
        assertTrue(moves.get(0).get("previous").isNull(), "a first offer concedes nothing yet");
        JsonNode t1 = moves.get(2);
        assertEquals("o1", t1.get("previous").asText(), "the seller's previous position");
        // Seller from o1 to t1: price 5400 -> 5000 is 70 x (25 - 75); support none -> 1 year 10 x (60 - 100);
        // training 8 x (70 - 100); payment 12 x (75 - 100). For the buyer: 45 x (75 - 25), 25 x 100, 15 x 100, 15 x 100.
        assertEquals(json("[{\"issue\":\"price\",\"from\":5400,\"to\":5000,\"worth\":-3500,"
                + "\"worths\":{\"buyer\":2250,\"seller\":-3500}},"
                + "{\"issue\":\"support\",\"from\":\"none\",\"to\":\"1 year\",\"worth\":-400,"
                + "\"worths\":{\"buyer\":2500,\"seller\":-400}},"
                + "{\"issue\":\"training\",\"from\":\"not included\",\"to\":\"included\",\"worth\":-240,"
                + "\"worths\":{\"buyer\":1500,\"seller\":-240}},"
                + "{\"issue\":\"payment\",\"from\":\"upfront\",\"to\":\"3 instalments over 6 months\",\"worth\":-300,"
                + "\"worths\":{\"buyer\":1500,\"seller\":-300}}]"),
                t1.get("changes"));
        assertEquals(List.of("price", "support", "training", "payment"), names(t1.get("give")));
        assertEquals(List.of(), names(t1.get("get")));
        assertEquals(SELLER_T1 - SELLER_O1, t1.at("/deltas/seller").asInt());
        assertEquals(-4440, SELLER_T1 - SELLER_O1);
        assertEquals(BUYER_T1 - BUYER_O1, t1.at("/deltas/buyer").asInt());

        assertEquals(List.of(BUYER_O1, BUYER_O2, BUYER_T1, BUYER_T1), utilities(a.at("/utilityPaths/buyer")));
        assertEquals(List.of(SELLER_O1, SELLER_O2, SELLER_T1, SELLER_T1), utilities(a.at("/utilityPaths/seller")));

        JsonNode gain = a.get("jointGain");
        assertTrue(gain.get("complete").asBoolean());
        int agreed = BUYER_T1 + SELLER_T1; // 12685
        assertEquals(agreed, gain.at("/agreement/joint").asInt());
        assertEquals("seller", gain.at("/firstOffers/0/party").asText());
        assertEquals(BUYER_O1 + SELLER_O1, gain.at("/firstOffers/0/joint").asInt());
        assertEquals(agreed - (BUYER_O1 + SELLER_O1), gain.at("/firstOffers/0/gain").asInt()); // +3310
        assertEquals(agreed - (BUYER_O2 + SELLER_O2), gain.at("/firstOffers/1/gain").asInt()); // +1455
        assertEquals(5200, gain.at("/split/package/price").asInt());
        assertEquals("upfront", gain.at("/split/package/payment").asText());
        assertEquals(BUYER_MIDDLE, gain.at("/split/utilities/buyer").asInt());
        assertEquals(SELLER_MIDDLE, gain.at("/split/utilities/seller").asInt());
        assertEquals(agreed - (BUYER_MIDDLE + SELLER_MIDDLE), gain.at("/split/gain").asInt()); // +2635
    }

    @Test
    void aPartySeesOnlyItsOwnUtilities() {
        room.negotiate(true);
        JsonNode a = analysis("buyer");
        assertEquals(List.of("buyer"), names(a.get("visible")));
        assertTrue(a.at("/utilityPaths/seller").isMissingNode());
        JsonNode t1 = a.at("/concessions/2");
        assertTrue(t1.get("give").isNull(), "the buyer cannot tell what the seller gave up: it lacks its interests");
        assertTrue(t1.at("/changes/0/worth").isNull());
        assertEquals(BUYER_T1 - BUYER_O1, t1.at("/deltas/buyer").asInt(), "what the seller's move was worth to the buyer");
        assertTrue(t1.at("/deltas/seller").isMissingNode());
        JsonNode gain = a.get("jointGain");
        assertTrue(!gain.get("complete").asBoolean() && gain.at("/agreement/joint").isNull());
        assertEquals(BUYER_MIDDLE, gain.at("/split/utilities/buyer").asInt());
        assertTrue(gain.at("/split/utilities/seller").isMissingNode());
        assertEquals(1, a.get("rounds").asInt());
    }

    @Test
    void aMediatorSeesNoUtilitiesBeforeAnyUnseal() {
        room.negotiate(false);
        JsonNode a = analysis("mediator");
        assertEquals(List.of(), names(a.get("visible")));
        assertTrue(a.get("jointGain").isNull());
        assertTrue(a.get("utilityPaths").isEmpty());
        assertTrue(a.at("/concessions/2/utilities").isEmpty());
        assertEquals(3, a.get("concessions").size(), "the public moves are all there");
    }

    static List<String> names(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    static List<Integer> utilities(JsonNode path) {
        return java.util.stream.StreamSupport.stream(path.spliterator(), false).map(p -> p.get("utility").asInt()).toList();
    }

    static JsonNode json(String text) {
        return VerifiableHistoryTest.json(text);
    }
}
