package negotiation.mediation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deal reached on a mediator's suggestion: the analysis's concession log and utility paths
 * hold the suggestion as the move that led to it, not "no offers or trades yet".
 */
@ExtendWith(BlockedThreadWatch.class)
class SuggestionDealAnalysisTest {
    @TempDir
    Path data;

    @Test
    void theSuggestionAnAgreementWasReachedOnIsAMoveOfTheAnalysis() throws Exception {
        try (DeskSession room = DeskSession.open(data)) {
            RoomClient.Socket buyer = room.join("buyer");
            RoomClient.Socket seller = room.join("seller");
            RoomClient.Socket mediator = room.join("mediator");
            JsonNode interests = Scenarios.json("pos-system").get("interests");
            buyer.acked(buyer.send("submitInterests", "interests", interests.get("buyer")));
            seller.acked(seller.send("submitInterests", "interests", interests.get("seller")));
            buyer.acked(buyer.send("unseal"));
            seller.acked(seller.send("unseal"));
            mediator.acked(mediator.send("suggest", "package", Map.of("price", 5000, "support", "1 year",
                    "training", "included", "payment", "upfront")));
            buyer.acked(buyer.send("accept", "ref", "m1"));
            seller.acked(seller.send("accept", "ref", "m1"));
            JsonNode a = room.get("/analysis", "mediator").json();
            assertEquals("m1", a.at("/agreement/ref").asText());
            assertEquals(List.of("m1"), a.get("concessions").findValuesAsText("ref"));
            assertEquals("suggestion", a.at("/concessions/0/kind").asText());
            assertEquals("mediator", a.at("/concessions/0/party").asText());
            assertEquals(List.of("m1", "m1"), a.at("/utilityPaths/buyer").findValuesAsText("ref"),
                    "the suggestion, then the agreement on it");
            assertEquals(a.at("/utilityPaths/buyer/0/utility"), a.at("/jointGain/agreement/utilities/buyer"));
        }
    }
}
