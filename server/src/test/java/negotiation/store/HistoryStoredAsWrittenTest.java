package negotiation.store;

import static negotiation.store.ErasureTest.base;
import static negotiation.store.ErasureTest.bothSubmitted;
import static negotiation.store.ErasureTest.captureLog;
import static negotiation.store.ErasureTest.join;
import static negotiation.store.ErasureTest.rewritePayload;
import static negotiation.store.ErasureTest.rewriteStored;
import static negotiation.store.ErasureTest.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.logging.Handler;
import java.util.logging.Logger;
import negotiation.Json;
import negotiation.Server;
import negotiation.mediation.ChainVerifier;
import negotiation.history.HistoryLink;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * History stored as written, on the real server and its H2 file: each event's
 * public form and hash are stored when it is appended, served as stored however a later build
 * would compute them, and checked when read, so a damaged link refuses the room instead of
 * serving another history.
 */
@ExtendWith(BlockedThreadWatch.class)
class HistoryStoredAsWrittenTest {
    private static final Logger LINK_LOG = Logger.getLogger(HistoryLink.class.getName());
    /** The buyer's public note, seq 5 of every room written here (after two submissions and round 1). */
    private static final long NOTE = 5;
    private static final String WRITTEN = "the note as it was written";
    /** Snapshots often, so that after a restart the room's aggregate starts from one, head included. */
    private static final int SNAPSHOT_EVERY = 2;

    @TempDir
    Path data;

    /**
     * A later build that presents a stored event differently (here: its stored payload reads as
     * another text, as a changed class or visibility rule would make it; two events here) changes no hash: every
     * channel serves the hashes written, an export taken before still verifies against the head
     * served now, and new events chain on from the stored head. The difference is logged once,
     * without the data.
     */
    @Test
    void aLaterBuildThatComputesAnotherPublicFormChangesNoHash() throws Exception {
        RoomClient.Room room;
        String exportBefore;
        List<String> hashesBefore;
        try (Server server = start(); RoomClient client = new RoomClient(server.port())) {
            room = written(client);
            RoomClient.Socket seller = join(client, room, "seller");
            seller.acked(seller.send("note", "text", WRITTEN + ", too"));
            exportBefore = export(client, room, "mediator");
            hashesBefore = hashes(client.get(base(room) + "/events?after=0", room.token("buyer")).json());
        }
        for (long seq : new long[] {NOTE, NOTE + 1}) {
            rewritePayload(data, room.id(), seq, payload -> payload.put("text", "read differently today"));
        }

        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = captureLog(LINK_LOG, logged);
        try (Server server = start(); RoomClient client = new RoomClient(server.port())) {
            for (String role : ErasureTest.ROLES) {
                JsonNode events = client.get(base(room) + "/events?after=0", room.token(role)).json();
                assertEquals(hashesBefore, hashes(events), "HTTP events of " + role + " carry the hashes written");
            }
            RoomClient.Socket buyer = join(client, room, "buyer");
            buyer.eventAt(NOTE + 1);
            assertEquals(hashesBefore, hashes(buyer.events()), "the WebSocket carries the hashes written");
            String head = client.get(base(room), room.token("seller")).json().get("head").asText();
            ChainVerifier.Verification before = verify(exportBefore);
            assertTrue(before.intact(), before.reason());
            assertEquals(head, before.head(), "the export taken before ends at the head served now");

            buyer.acked(buyer.send("note", "text", "after the new build"));
            String exportAfter = export(client, room, "mediator");
            List<String> lines = exportAfter.lines().toList();
            JsonNode added = Json.MAPPER.readTree(lines.get(lines.size() - 1));
            assertEquals(hashOf(head, publicForm(added)), added.get("hash").asText(),
                    "the new event chains on from the head as written");
            assertEquals(hashesBefore, exportHashes(lines.subList(1, lines.size() - 1)), "the export's earlier hashes stand");
            // The export shows the event as this build reads it, which is not what was written: verify says where.
            assertEquals(NOTE, verify(exportAfter).brokenAt());
        } finally {
            LINK_LOG.removeHandler(capture);
        }
        List<String> aboutRoom = logged.stream().filter(line -> line.contains(room.id())).toList();
        assertEquals(1, aboutRoom.size(), "two events read differently, logged once per room: " + logged);
        assertTrue(aboutRoom.get(0).contains("seq " + NOTE), aboutRoom.get(0));
        assertFalse(String.join("\n", logged).contains("read differently") || String.join("\n", logged).contains(WRITTEN),
                "the log holds no data of the event");
    }

    /**
     * Today's public form is compared with the stored one for the first stored event of each shape
     * (kind; a caucus note apart) in a room, not for every event, which made a large part of a
     * cold read of 10,000 events. A later build changes a whole shape's form, so the
     * first event of it tells; a second note that alone reads differently is served as written,
     * unlogged, and `verify` on an export still names it.
     */
    @Test
    void todaysFormIsComparedForTheFirstEventOfEachShapeOnly() throws Exception {
        RoomClient.Room room;
        List<String> hashesBefore;
        try (Server server = start(); RoomClient client = new RoomClient(server.port())) {
            room = written(client);
            RoomClient.Socket seller = join(client, room, "seller");
            seller.acked(seller.send("note", "text", WRITTEN + ", too"));
            hashesBefore = hashes(client.get(base(room) + "/events?after=0", room.token("buyer")).json());
        }
        rewritePayload(data, room.id(), NOTE + 1, payload -> payload.put("text", "read differently today"));

        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = captureLog(LINK_LOG, logged);
        try (Server server = start(); RoomClient client = new RoomClient(server.port())) {
            JsonNode events = client.get(base(room) + "/events?after=0", room.token("buyer")).json();
            assertEquals(hashesBefore, hashes(events), "served as written");
            assertEquals("read differently today", events.get((int) NOTE).at("/data/text").asText());
            assertEquals(NOTE + 1, verify(export(client, room, "mediator")).brokenAt(), "verify names the event");
        } finally {
            LINK_LOG.removeHandler(capture);
        }
        assertEquals(List.of(), logged.stream().filter(line -> line.contains(room.id())).toList(),
                "the second note of the room is not compared with today's form");
    }

    /** One way a stored link can be damaged: what the refusal says, and the change to the note's stored metadata given the hash before it. */
    private record Damage(String reason, BiFunction<ObjectNode, String, ObjectNode> change) {
    }

    private static final List<Damage> DAMAGES = List.of(
            new Damage("its hash does not match its public form", (meta, previous) ->
                    meta.put(HistoryLink.HASH, flipLastDigit(meta.get(HistoryLink.HASH).asText()))),
            new Damage("its hash does not match its public form", (meta, previous) -> meta.put(HistoryLink.PUBLIC,
                    meta.get(HistoryLink.PUBLIC).asText().replace(WRITTEN, "a forged note"))),
            new Damage("its public form is not for this seq", (meta, previous) -> {
                // the next seq's form, re-hashed consistently: only the seq check can tell
                String moved = meta.get(HistoryLink.PUBLIC).asText().replace("\"seq\":" + NOTE, "\"seq\":" + (NOTE + 1));
                return meta.put(HistoryLink.PUBLIC, moved).put(HistoryLink.HASH, hashOf(previous, moved));
            }),
            new Damage("its public form or its hash is missing", (meta, previous) -> {
                meta.remove(HistoryLink.HASH);
                return meta;
            }));

    /**
     * A stored link that does not belong where it is (hash altered, public form altered, the form
     * of another seq re-hashed consistently, the hash missing) refuses the room on every channel
     * with a precise error, logged once per room and without data; other rooms and the server go on.
     */
    @Test
    void aDamagedStoredLinkRefusesTheRoomAndNothingElse() throws Exception {
        List<RoomClient.Room> rooms = new ArrayList<>();
        List<String> previous = new ArrayList<>();
        RoomClient.Room intact;
        try (Server server = start(); RoomClient client = new RoomClient(server.port())) {
            for (int i = 0; i < DAMAGES.size(); i++) {
                RoomClient.Room room = written(client);
                rooms.add(room);
                previous.add(client.get(base(room) + "/events?after=" + (NOTE - 2), room.token("buyer"))
                        .json().get(0).get("hash").asText());
            }
            intact = written(client);
        }
        for (int i = 0; i < rooms.size(); i++) {
            String before = previous.get(i);
            Damage damage = DAMAGES.get(i);
            rewriteStored(data, rooms.get(i).id(), NOTE, "metaData", meta -> damage.change().apply(meta, before));
        }

        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = captureLog(LINK_LOG, logged);
        try (Server server = start(); RoomClient client = new RoomClient(server.port())) {
            for (int i = 0; i < rooms.size(); i++) {
                RoomClient.Room room = rooms.get(i);
                String reason = DAMAGES.get(i).reason();
                for (String path : List.of("/events?after=0", "", "/export", "/events?after=0")) {
                    HttpAnswer refused = client.get(base(room) + path, room.token("seller"));
                    assertEquals(500, refused.status(), reason + ": " + path + " " + refused.body());
                    assertEquals("internal", refused.json().at("/error/code").asText());
                    String message = refused.json().at("/error/message").asText();
                    assertTrue(message.contains("damaged at seq " + NOTE) && message.contains(reason), reason + ": " + message);
                }
                assertTrue(client.refusedConnect(room.id(), room.token("buyer")).getMessage().contains("500"),
                        "the WebSocket handshake is refused too");
                assertEquals(1, logged.stream().filter(line -> line.contains(room.id())).count(),
                        "logged once per room: " + logged);
            }
            assertEquals(200, client.get(base(intact) + "/events?after=0", intact.token("seller")).status());
            assertTrue(verify(export(client, intact, "buyer")).intact(), "an intact room is served and verifies");
        } finally {
            LINK_LOG.removeHandler(capture);
        }
        assertFalse(String.join("\n", logged).contains("forged") || String.join("\n", logged).contains(WRITTEN),
                "the log holds no data of the event");
    }

    /** A room of pos-system with seq 1..5: created, both submissions (one command gives 3 and round 1 at 4), a note. */
    private static RoomClient.Room written(RoomClient client) {
        ErasureTest.Submitted both = bothSubmitted(client);
        both.buyer().acked(both.buyer().send("note", "text", WRITTEN));
        return both.room();
    }

    private static String export(RoomClient client, RoomClient.Room room, String role) {
        HttpAnswer export = client.get(base(room) + "/export", room.token(role));
        assertEquals(200, export.status(), export.body());
        return export.body();
    }

    private static List<String> hashes(Iterable<JsonNode> events) {
        List<String> hashes = new ArrayList<>();
        events.forEach(event -> hashes.add(event.get("hash").asText()));
        return hashes;
    }

    private static List<String> exportHashes(List<String> exportLines) throws java.io.IOException {
        List<String> hashes = new ArrayList<>();
        for (String line : exportLines) {
            hashes.add(Json.MAPPER.readTree(line).get("hash").asText());
        }
        return hashes;
    }

    /** The canonical public form of a public event line (a note: nothing private to drop), by RFC 8785 by hand. */
    private static String publicForm(JsonNode event) {
        JsonNode data = event.get("data");
        return "{\"at\":\"" + event.get("at").asText() + "\",\"data\":{\"party\":\"" + data.get("party").asText()
                + "\",\"text\":\"" + data.get("text").asText() + "\"},\"kind\":\"" + event.get("kind").asText()
                + "\",\"seq\":" + event.get("seq").asLong() + "}";
    }

    /** SHA-256 of the previous hash's bytes and the form's UTF-8, written here independently of the server's code. */
    private static String hashOf(String previous, String form) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(HexFormat.of().parseHex(previous));
            sha.update(form.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String flipLastDigit(String hash) {
        return hash.substring(0, 63) + (hash.charAt(63) == '0' ? '1' : '0');
    }

    private Server start() throws Exception {
        return Server.start(new Server.Settings(0, data, SNAPSHOT_EVERY));
    }
}
