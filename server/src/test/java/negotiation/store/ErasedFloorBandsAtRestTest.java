package negotiation.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A party's floor band and partition are cut from its interests and hold its floor, so an erasure
 * must take them from the disk too: in the snapshots written before the erasure as well. The proof
 * reads the raw bytes of every file under the data directory after the erasure and a restart.
 */
@ExtendWith(BlockedThreadWatch.class)
class ErasedFloorBandsAtRestTest {
    /** A band or a partition of the buyer, as the room's state writes them in clear. */
    private static final Pattern BUYER_IN_CLEAR = Pattern.compile("\"buyer\":\\{\"(lo|width)\":[0-9]");
    /** Any party's band or partition in clear. */
    private static final Pattern ANY_IN_CLEAR = Pattern.compile("\"(buyer|seller)\":\\{\"(lo|width)\":[0-9]");

    /** The room's 10th event is round 2: its snapshot holds both parties' bands. */
    private static final int SNAPSHOT_EVERY = 10;

    @TempDir
    Path data;

    @Test
    void erasureShredsTheFloorBandInEverySnapshot() throws Exception {
        RoomClient.Room room;
        // One snapshot, after round 2 (the 10th event): none after the erasure replaces it.
        try (Server server = Server.start(new Server.Settings(0, data, SNAPSHOT_EVERY));
             RoomClient client = new RoomClient(server.port())) {
            room = client.openRoom("pos-system");
            RoomClient.Socket buyer = client.connect(room, "buyer");
            RoomClient.Socket seller = client.connect(room, "seller");
            for (int round = 0; round < 2; round++) {
                buyer.acked(buyer.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/buyer")));
                seller.acked(seller.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/seller")));
                for (int i = 0; i < 3; i++) {
                    seller.acked(seller.send("note", "text", "note " + round + "." + i));
                }
            }
            assertEquals(2, client.get("/api/rooms/" + room.id(), room.token("buyer")).json().get("round").asInt());
        }
        String before = PrivateDataAtRestTest.rawText(data);
        assertTrue(before.contains("\"floorPrivacy\""), "a snapshot of the banded room was written");
        assertFalse(ANY_IN_CLEAR.matcher(before).find(), "no party's band or partition in clear: " + around(before));

        try (Server server = Server.start(new Server.Settings(0, data, SNAPSHOT_EVERY));
             RoomClient client = new RoomClient(server.port())) {
            String base = "/api/rooms/" + room.id();
            // The erasure alone: no snapshot after it replaces the ones written before.
            assertEquals(204, client.delete(base + "/parties/buyer/private", room.token("buyer")).status());
        }
        try (Server server = Server.start(new Server.Settings(0, data, SNAPSHOT_EVERY));
             RoomClient client = new RoomClient(server.port())) {
            JsonNode view = client.get("/api/rooms/" + room.id(), room.token("seller")).json();
            assertEquals(2500, view.at("/interests/floor").asInt(), "the other party's data reads on after a restart");
        }
        String after = PrivateDataAtRestTest.rawText(data);
        assertTrue(after.contains("\"floorPrivacy\""), "the snapshot written before the erasure is still there");
        assertFalse(BUYER_IN_CLEAR.matcher(after).find(), "the erased party's band on disk: " + around(after));
    }

    /** The text around the first band or partition in clear, to show what was found. */
    private static String around(String text) {
        Matcher found = ANY_IN_CLEAR.matcher(text);
        return found.find() ? text.substring(Math.max(0, found.start() - 80), Math.min(text.length(), found.end() + 80))
                : "(none)";
    }
}
