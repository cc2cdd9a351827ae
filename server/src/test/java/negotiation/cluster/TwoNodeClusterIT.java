package negotiation.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import negotiation.store.Database;
import negotiation.support.RoomClient;
import negotiation.support.ServerProcess;
import negotiation.support.Scenarios;
import negotiation.support.ThrowawayPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one PostgreSQL and one Hazelcast cluster: party A on node 1, party B
 * on node 2 negotiate live and see each other come and go (presence), node 1 killed included;
 * node 1 is killed mid-session; B and a reconnected A see every acknowledged event exactly once, in order.
 */
class TwoNodeClusterIT {
    @TempDir
    Path dir;

    @Test
    void partiesOnDifferentNodesNegotiateLiveAndSurviveANodeKill() throws Exception {
        var found = ThrowawayPostgres.database();
        Assumptions.assumeTrue(found.isPresent(), "PostgreSQL is not installed here (.ci/run installs it)");
        Database.Postgres db = found.get();
        int hz1 = freePort();
        int hz2 = freePort();
        String members = "127.0.0.1:" + hz1 + ",127.0.0.1:" + hz2;
        ServerProcess node1 = node(1, hz1, members, db);
        try (ServerProcess node2 = node(2, hz2, members, db);
             RoomClient one = new RoomClient(node1.port());
             RoomClient two = new RoomClient(node2.port())) {
            JsonNode room = one.post("/api/rooms", Scenarios.text("pos-system")).json();
            String roomId = room.get("roomId").asText();
            JsonNode invites = room.get("invites");
            RoomClient.Socket buyer = one.connect(roomId, invites.get("buyer").asText());
            RoomClient.Socket seller = two.connect(roomId, invites.get("seller").asText());
            buyer.acked(buyer.send("hello", "after", 0));
            seller.acked(seller.send("hello", "after", 0));
            Set<Long> acked = new TreeSet<>(List.of(1L));
            awaitClusterFormed(buyer, seller, acked);

            acked.add(buyer.acked(buyer.send("submitInterests", "interests",
                    Scenarios.json("pos-system").at("/interests/buyer"))).get("seq").asLong());
            acked.add(seller.acked(seller.send("submitInterests", "interests",
                    Scenarios.json("pos-system").at("/interests/seller"))).get("seq").asLong());
            JsonNode round = buyer.event("ProposalsComputed");
            assertTrue(round.at("/data/zopa").asBoolean(), "the seller's submission on node 2 reached node 1 live");
            long offer = buyer.acked(buyer.send("offer", "package",
                    Map.of("price", 4900, "support", "1 year", "training", "included", "payment", "upfront"))).get("seq").asLong();
            acked.add(offer);
            seller.eventAt(offer);
            long trade = seller.acked(seller.send("trade", "on", "o1", "give", Map.of("payment", "3 instalments over 6 months"),
                    "get", Map.of("price", 5000))).get("seq").asLong();
            acked.add(trade);
            buyer.eventAt(trade);
            assertEquals(true, presenceAfter(seller, 0, true).at("/parties/buyer").asBoolean());

            // Presence across nodes: the seller on node 2 sees the buyer on node 1 leave and arrive again.
            int mark = seller.frames.size();
            buyer.close();
            presenceAfter(seller, mark, false);
            mark = seller.frames.size();
            RoomClient.Socket again = one.connect(roomId, invites.get("buyer").asText());
            again.acked(again.send("hello", "after", last(buyer.events())));
            presenceAfter(seller, mark, true);

            mark = seller.frames.size();
            node1.kill();
            // A killed node says no goodbye: its sockets drop out when its heartbeats stop.
            presenceAfter(seller, mark, false);
            // The buyer comes back through node 2 and carries on from the last event it saw.
            long lastSeen = Math.max(last(buyer.events()), again.events().isEmpty() ? 0 : last(again.events()));
            RoomClient.Socket back = two.connect(roomId, invites.get("buyer").asText());
            back.acked(back.send("hello", "after", lastSeen));
            for (int i = 0; i < 3; i++) {
                acked.add(seller.acked(seller.send("note", "text", "after the crash " + i)).get("seq").asLong());
            }
            long agreed = back.acked(back.send("accept", "ref", "t1")).get("seq").asLong();
            acked.add(agreed);
            // the accept's last event is the improvement round that follows the agreement; waiting for it on the
            // seller's socket means the seller has every event the buyer's commands appended
            assertEquals("ProposalsComputed", seller.eventAt(agreed).get("kind").asText());
            assertEquals("AgreementReached", seller.eventAt(agreed - 1).get("kind").asText());

            List<Long> sellerSaw = seqs(seller.events());
            List<Long> buyerSaw = new ArrayList<>(seqs(buyer.events()));
            buyerSaw.addAll(seqs(again.events()));
            buyerSaw.addAll(seqs(back.events()));
            for (List<Long> saw : List.of(sellerSaw, buyerSaw)) {
                for (int i = 0; i < saw.size(); i++) {
                    assertEquals(i + 1, saw.get(i), "every event once, in order: " + saw);
                }
                assertTrue(saw.containsAll(acked), "every acknowledged event: " + acked + " in " + saw);
            }
            JsonNode log = two.get("/api/rooms/" + roomId + "/events?after=0", invites.get("mediator").asText()).json();
            assertEquals(agreed, log.size());
        } finally {
            node1.kill();
        }
    }

    /** Waits for a presence frame after {@code mark} that shows the buyer present or not. */
    private static JsonNode presenceAfter(RoomClient.Socket socket, int mark, boolean buyerPresent) {
        return socket.await(m -> "presence".equals(m.path("type").asText())
                && m.at("/parties/buyer").asBoolean() == buyerPresent, mark);
    }

    /** Hazelcast takes a moment to join the nodes: until then a live event stays on its node. */
    private static void awaitClusterFormed(RoomClient.Socket buyer, RoomClient.Socket seller, Set<Long> acked) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            long seq = buyer.acked(buyer.send("note", "text", "is node 2 there?")).get("seq").asLong();
            acked.add(seq);
            try {
                seller.await(m -> m.path("seq").asLong() == seq, 0);
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the two nodes never formed a cluster", notYet);
                }
            }
        }
    }

    private ServerProcess node(int n, int hazelcastPort, String members, Database.Postgres db) throws Exception {
        Path jar = Path.of(System.getProperty("room.server.jar", "server/target/room-server.jar"));
        return ServerProcess.jar(jar, dir.resolve("data" + n), dir.resolve("node" + n + ".log"), "--db", db.url(), "--db-user", db.user(), "--cluster",
                "--cluster-host", "127.0.0.1", "--cluster-port", Integer.toString(hazelcastPort),
                "--cluster-members", members);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<Long> seqs(List<JsonNode> events) {
        return events.stream().map(e -> e.get("seq").asLong()).toList();
    }

    private static long last(List<JsonNode> events) {
        return events.get(events.size() - 1).get("seq").asLong();
    }
}
