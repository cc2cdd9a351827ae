package negotiation.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import negotiation.Json;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import negotiation.web.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by the load benchmark at 1,000 rooms: many rooms reaching their snapshot threshold at
 * once. Each command runs on one of the 16 "room-store" workers and holds an H2 connection for
 * its unit of work; the snapshot Axon then takes (AggregateSnapshotter on the caller's thread)
 * asks the pool (JdbcConnectionPool, 10 connections by default) for a second one. Ten workers
 * each holding one and waiting for another exhaust the pool: commands stall for the pool's
 * 30 s login timeout, then fail as {@code internal}, and Vert.x reports blocked worker threads.
 * Every command here is valid and must be acknowledged promptly.
 */
@ExtendWith(BlockedThreadWatch.class)
class SnapshotUnderLoadTest {
    static final int ROOMS = 24;
    static final int NOTES = 12;

    @TempDir
    Path data;

    @Test
    void manyRoomsSnapshottingAtOnceKeepAnswering() throws Exception {
        // A snapshot every 2 events, no rate limit: every room snapshots often, all at the same time.
        try (Server server = Server.start(new Server.Settings(0, data, 2,
                new Limits(1_000_000, 1_000_000, 90, 30, List.of())));
             RoomClient client = new RoomClient(server.port())) {
            List<String[]> rooms = new ArrayList<>();
            for (int r = 0; r < ROOMS; r++) {
                HttpAnswer created = client.post("/api/rooms", Scenarios.text("pos-system"));
                assertEquals(201, created.status(), created.body());
                JsonNode invites = created.json().get("invites");
                rooms.add(new String[] {created.json().get("roomId").asText(), invites.get("buyer").asText()});
                rooms.add(new String[] {created.json().get("roomId").asText(), invites.get("seller").asText()});
            }
            int expected = rooms.size() * NOTES;
            CountDownLatch answered = new CountDownLatch(expected);
            AtomicInteger acks = new AtomicInteger();
            Map<String, String> refusals = new ConcurrentHashMap<>();
            List<RoomClient.Live> sockets = new ArrayList<>();
            for (String[] room : rooms) {
                AtomicInteger sent = new AtomicInteger();
                RoomClient.Live[] socket = new RoomClient.Live[1];
                socket[0] = client.connectLive(room[0], room[1], text -> {
                    JsonNode answer;
                    try {
                        answer = Json.MAPPER.readTree(text);
                    } catch (Exception e) {
                        return;
                    }
                    if (answer.path("type").asText().equals("ack")) {
                        acks.incrementAndGet();
                    } else {
                        refusals.putIfAbsent(answer.path("code").asText(), text);
                    }
                    answered.countDown();
                    int next = sent.incrementAndGet();
                    if (next < NOTES) {
                        socket[0].sendAsync(note(room[1], next));
                    }
                }, () -> { });
                sockets.add(socket[0]);
            }
            long start = System.nanoTime();
            for (int i = 0; i < sockets.size(); i++) {
                sockets.get(i).sendAsync(note(rooms.get(i)[1], 0));
            }
            boolean all = answered.await(20, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(all, "only " + (expected - answered.getCount()) + " of " + expected
                    + " commands answered within 20 s; refusals: " + refusals);
            assertEquals(Map.of(), refusals, "valid notes refused");
            assertEquals(expected, acks.get());
            assertTrue(seconds < 15, expected + " notes took " + seconds + " s");
            sockets.forEach(RoomClient.Live::close);
        }
    }

    private static String note(String token, int n) {
        return "{\"id\":\"n" + n + "-" + token.substring(0, 8) + "\",\"type\":\"note\",\"text\":\"note " + n + "\"}";
    }
}
