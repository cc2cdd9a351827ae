package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import negotiation.Server;
import negotiation.room.RoomLimits;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A room flooded by its own three roles, as an attacker holding every token of a room it created
 * would: big amendments (10 issues of 64 options, about 55 KB each) and long notes, sent as fast as
 * the socket takes them. The room's limits hold (docs/protocol.md, "Limits of a room"): every
 * command past them is refused with {@code too_large} naming the limit, nothing is appended past
 * them, the sockets stay open, another room and {@code /health} keep answering, the limits hold
 * after a restart, and the event loop is never blocked ({@link BlockedThreadWatch}).
 */
@ExtendWith(BlockedThreadWatch.class)
class RoomFloodTest {
    /** Low enough for the notes and the bytes to be reached in seconds; the amendments keep their default (20). */
    private static final int MAX_NOTES = 30;
    private static final long MAX_BYTES = 3_500_000;
    private static final List<String> ROLES = List.of("buyer", "seller", "mediator");

    @TempDir
    Path data;

    @BeforeAll
    static void lowerLimits() {
        System.setProperty(RoomLimits.PROPERTY_PREFIX + "maxNotes", String.valueOf(MAX_NOTES));
        System.setProperty(RoomLimits.PROPERTY_PREFIX + "maxBytes", String.valueOf(MAX_BYTES));
    }

    @AfterAll
    static void restoreLimits() {
        System.clearProperty(RoomLimits.PROPERTY_PREFIX + "maxNotes");
        System.clearProperty(RoomLimits.PROPERTY_PREFIX + "maxBytes");
    }

    @Test
    void aFloodedRoomStopsAtItsLimitsWhileTheServerAndOtherRoomsGoOn() throws Exception {
        Limits unthrottled = new Limits(100_000, 100_000, 90, 30, List.of());
        RoomClient.Room flooded;
        long appended;
        try (Server server = Server.start(new Server.Settings(0, data, 100, unthrottled));
             RoomClient client = new RoomClient(server.port())) {
            flooded = client.openRoom("pos-system");
            RoomClient.Room other = client.openRoom("pos-system");
            Map<String, RoomClient.Socket> sockets = new HashMap<>();
            ROLES.forEach(role -> sockets.put(role, client.connect(flooded, role)));
            RoomClient.Socket bystander = client.connect(other, "buyer");

            CompletableFuture<Integer> elsewhere = CompletableFuture.supplyAsync(() -> {
                int answered = 0;
                for (int i = 0; i < 20; i++) {
                    bystander.acked(bystander.send("note", "text", "still here " + i));
                    assertEquals(200, client.get("/health", null).status());
                    answered++;
                }
                return answered;
            });

            Map<String, List<String>> amendIds = new HashMap<>();
            for (int i = 0; i < 22; i++) {
                for (String role : ROLES) {
                    amendIds.computeIfAbsent(role, r -> new ArrayList<>())
                            .add(sockets.get(role).send("amend", "changes", bigChanges(role, i)));
                }
            }
            int amendments = 0;
            for (String role : ROLES) {
                List<JsonNode> answers = amendIds.get(role).stream().map(sockets.get(role)::answer).toList();
                List<JsonNode> acks = answers.stream().filter(a -> "ack".equals(a.path("type").asText())).toList();
                assertEquals(20, acks.size(), role + ": the default of 20 pending amendments per role: " + answers);
                for (JsonNode refused : answers.subList(20, 22)) {
                    assertEquals("too_large", refused.path("code").asText(), refused.toString());
                    assertTrue(refused.path("message").asText().contains("maxPendingAmendments 20"), refused.toString());
                }
                amendments += acks.size();
            }

            Map<String, List<String>> noteIds = new HashMap<>();
            for (int i = 0; i < 40; i++) {
                for (String role : ROLES) {
                    noteIds.computeIfAbsent(role, r -> new ArrayList<>())
                            .add(sockets.get(role).send("note", "text", (role + i + "x".repeat(4000)).substring(0, 4000)));
                }
            }
            int notes = 0;
            boolean bytesReached = false;
            for (String role : ROLES) {
                int acked = 0;
                for (String id : noteIds.get(role)) {
                    JsonNode answer = sockets.get(role).answer(id);
                    if ("ack".equals(answer.path("type").asText())) {
                        acked++;
                        continue;
                    }
                    assertEquals("too_large", answer.path("code").asText(), answer.toString());
                    String message = answer.path("message").asText();
                    assertTrue(message.contains("(maxNotes " + MAX_NOTES + ")")
                            || message.contains("(maxBytes " + MAX_BYTES + ")"), message);
                    bytesReached |= message.contains("maxBytes");
                }
                assertTrue(acked <= MAX_NOTES, role + " wrote " + acked + " notes");
                notes += acked;
            }
            assertTrue(bytesReached, "60 amendments of about 55 KB and up to 90 notes of 4 KB pass 3.5 MB");

            appended = client.lastSeq(flooded);
            assertEquals(1 + amendments + notes, appended, "refused commands appended nothing");
            assertEquals(20, elsewhere.get(60, TimeUnit.SECONDS), "the other room answered throughout");
            for (RoomClient.Socket socket : sockets.values()) {
                assertFalse(socket.isClosed(), "a refusal leaves the socket open");
                assertEquals("not_found", socket.answer(socket.send("withdraw", "ref", "o99")).path("code").asText());
            }

            String mediator = flooded.token("mediator");
            int paged = 0;
            for (long after = 0; ; ) {
                JsonNode page = client.get("/api/rooms/" + flooded.id() + "/events?after=" + after + "&limit=25",
                        mediator).json();
                assertTrue(page.size() <= 25, "a page holds at most limit events: " + page.size());
                paged += page.size();
                if (page.size() < 25) {
                    break;
                }
                after = page.get(page.size() - 1).path("seq").asLong();
            }
            assertEquals(appended, paged, "paging with after and limit visits every event once");
            assertEquals(appended, client.get("/api/rooms/" + flooded.id() + "/events?after=0", mediator).json().size(),
                    "without a limit every event comes, streamed");
        }

        // The counts are folded from the stored events (and snapshots), so a restart keeps the limits.
        try (Server server = Server.start(new Server.Settings(0, data, 100, unthrottled));
             RoomClient client = new RoomClient(server.port())) {
            RoomClient.Socket seller = client.connect(flooded, "seller");
            JsonNode refused = seller.answer(seller.send("amend", "changes", bigChanges("seller", 99)));
            assertEquals("too_large", refused.path("code").asText(), refused.toString());
            assertEquals(appended, client.lastSeq(flooded));
        }
    }

    /** Ten added issues of 64 options each: about 55 KB, inside the 64 KiB message limit. */
    private static List<Map<String, Object>> bigChanges(String role, int n) {
        List<Map<String, Object>> changes = new ArrayList<>();
        for (int issue = 0; issue < 10; issue++) {
            List<String> options = new ArrayList<>();
            for (int option = 0; option < 64; option++) {
                String name = String.format("%s-%d-%d-%02d-", role, n, issue, option);
                options.add(name + "o".repeat(80 - name.length())); // options are at most 80 characters
            }
            changes.add(Map.of("addIssue", Map.of("id", role + "-" + n + "-" + issue, "label", "flood",
                    "options", options)));
        }
        return changes;
    }
}
