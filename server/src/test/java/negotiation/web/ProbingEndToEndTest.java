package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import negotiation.Json;
import negotiation.Server;
import negotiation.events.Agenda;
import negotiation.events.Interests;
import negotiation.events.ProposalsComputed;
import negotiation.room.FloorBands;
import negotiation.room.FloorInference;
import negotiation.history.LoggedEvent;
import negotiation.room.SinglePackageProber;
import negotiation.store.AxonRoomStore;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN rule 8 over the real server: the buyer probes the seller's floor with the issue's
 * single-package binary search over five rounds of real WebSocket traffic while the seller
 * re-submits the same interests. Afterwards the test reads the rounds' seeds from the store (the
 * worst case: the prober knows them) and computes exactly which seller floors are consistent with
 * what the buyer's socket received: at least 2,000 points, hull and count.
 */
@ExtendWith(BlockedThreadWatch.class)
class ProbingEndToEndTest {
    static final int ROUNDS = 5;

    @TempDir
    Path data;

    @Test
    void aSinglePackageProberOverFiveRoundsLeavesAtLeastTwoThousandPointsOfFloors() throws Exception {
        Agenda agenda = Scenarios.agenda("pos-system");
        Interests seller = Scenarios.interests("pos-system", "seller");
        SinglePackageProber prober = new SinglePackageProber(agenda, seller);
        List<Interests> probes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        String roomId;
        try (Server server = Server.start(new Server.Settings(0, data, 100)); RoomClient client = new RoomClient(server.port())) {
            RoomClient.Room room = client.openRoom("pos-system");
            roomId = room.id();
            RoomClient.Socket buyerSocket = client.connect(room, "buyer");
            RoomClient.Socket sellerSocket = client.connect(room, "seller");
            buyerSocket.acked(buyerSocket.send("hello", "after", 0));
            sellerSocket.acked(sellerSocket.send("hello", "after", 0));
            for (int round = 1; round <= ROUNDS; round++) {
                Interests probe = prober.next();
                probes.add(probe);
                buyerSocket.acked(buyerSocket.send("submitInterests", "interests", Json.MAPPER.valueToTree(probe)));
                sellerSocket.acked(sellerSocket.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/seller")));
                int r = round;
                JsonNode computed = buyerSocket.await(m -> "ProposalsComputed".equals(m.path("kind").asText())
                        && m.path("data").path("round").asInt() == r);
                JsonNode roundData = computed.get("data");
                assertTrue(roundData.path("coarsened").asText().contains("2000"), roundData.toString());
                prober.saw(roundData.get("zopa").asBoolean());
                seen.add(FloorInference.seen(roundData));
            }
        }
        List<Long> seeds = new ArrayList<>();
        Integer band = null;
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            for (LoggedEvent logged : store.read(roomId, 0)) {
                if (logged.event() instanceof ProposalsComputed round && round.improves() == null) {
                    seeds.add(round.seed());
                    band = round.band();
                }
            }
        }
        assertEquals(ROUNDS, seeds.size());
        List<int[]> consistent = FloorInference.consistent(agenda, "buyer", "seller", seller, probes, seeds, band, seen);
        int floor = seller.floor();
        int hull = consistent.get(consistent.size() - 1)[1] - consistent.get(0)[0];
        String described = consistent.stream().map(i -> "[" + i[0] + ", " + i[1] + "]").reduce("", String::concat);
        assertTrue(consistent.stream().anyMatch(i -> i[0] <= floor && floor <= i[1]), described);
        assertTrue(hull >= FloorBands.DEFAULT_WIDTH, "hull " + hull + ": " + described);
        assertTrue(FloorInference.count(consistent) > FloorBands.DEFAULT_WIDTH, described);
    }
}
