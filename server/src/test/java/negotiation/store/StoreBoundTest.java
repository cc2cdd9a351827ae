package negotiation.store;

import static negotiation.store.FullDiskTest.acked;
import static negotiation.store.FullDiskTest.awaitStatus;
import static negotiation.store.FullDiskTest.failures;
import static negotiation.store.FullDiskTest.notes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import negotiation.support.SmallFileSystem;
import negotiation.web.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands refused before the disk is full, on a real server and real sockets: while the H2 file
 * is at the operator's bound, or while its file system has under 8 MB free, a command is answered
 * {@code unavailable} naming that limit, nothing is appended, no write fails, the socket stays
 * open, reads go on and an erasure is still done; commands are taken again by themselves once
 * the file is under its bound (the compaction shrank it) or space is freed.
 */
@ExtendWith(BlockedThreadWatch.class)
class StoreBoundTest {
    static final String AT_THE_BOUND = "the server cannot store events right now (storage full: the event store has"
            + " reached its size limit of 2.0 MB); nothing was recorded; try again later";
    static final String DISK_ALMOST_FULL = "the server cannot store events right now (storage full: under 8.0 MB left"
            + " free on the server's disk); nothing was recorded; try again later";
    /** No rate limit in the way of filling the store quickly. */
    static final Limits UNLIMITED = new Limits(1_000_000, 1_000_000, Limits.DEFAULTS.idleSeconds(),
            Limits.DEFAULTS.slowSeconds(), Limits.DEFAULTS.allowedOrigins());

    @TempDir
    Path temp;

    static Server.Settings settings(Path data, StoreBound bound) {
        return new Server.Settings(0, data, 100, UNLIMITED, new Database.H2(data, false, bound), null);
    }

    @Test
    void aStoreFileAtItsBoundRefusesCommandsUntilTheCompactionHasShrunkIt() throws Exception {
        Path data = temp.resolve("data");
        try (Server server = Server.start(settings(data, StoreBound.DEFAULTS.withMaxFileBytes(2L * 1024 * 1024)));
             RoomClient client = new RoomClient(server.port())) {
            RoomClient.Room room = client.openRoom("pos-system");
            RoomClient.Socket buyer = client.connect(room, "buyer");
            buyer.acked(buyer.send("hello", "after", 0));
            List<String> acked = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            JsonNode firstRefusal = null;
            for (int i = 0; i < 2_000 && firstRefusal == null; i++) {
                FullDiskTest.Note note = note(buyer, "filling " + i);
                if (note.answer().path("type").asText().equals("ack")) {
                    acked.add(note.text());
                } else {
                    firstRefusal = note.answer();
                    refused.add(note.text());
                }
            }
            assertNotNull(firstRefusal, "the bound refused a command");
            assertEquals("unavailable", firstRefusal.path("code").asText(), firstRefusal.toString());
            assertEquals(AT_THE_BOUND, firstRefusal.path("message").asText());
            long seq = client.lastSeq(room);
            for (int i = 0; i < 3; i++) {
                FullDiskTest.Note again = note(buyer, "at the bound " + i);
                assertEquals(AT_THE_BOUND, again.answer().path("message").asText(), again.answer().toString());
                refused.add(again.text());
            }
            assertFalse(buyer.isClosed(), "the socket stays open");
            assertEquals(seq, client.lastSeq(room), "nothing appended");

            HttpAnswer created = client.post("/api/rooms", Scenarios.text("pos-system"));
            assertEquals(503, created.status(), created.body());
            assertEquals(AT_THE_BOUND, created.json().at("/error/message").asText());
            HttpAnswer ready = client.get("/health/ready", null);
            assertEquals(503, ready.status(), ready.body());
            assertTrue(ready.json().path("reason").asText().contains("at its --max-store-size of 2.0 MB"), ready.body());
            assertEquals(0, failures(client, "no_space"), "no write failed: the bound refused before");
            assertReadsGoOn(client, room, acked, refused);
            HttpAnswer erased = client.delete("/api/rooms/" + room.id() + "/parties/buyer/private", room.token("buyer"));
            assertEquals(204, erased.status(), "an erasure is still done at the bound: " + erased.body());

            // Nothing is written now: the compaction shrinks the file once the chunks are old enough to reuse.
            HttpAnswer back = awaitStatus(client, 200, 120);
            assertEquals(200, back.status(), back.body() + ", file " + Files.size(data.resolve("rooms.mv.db")));
            acked.add(acked(note(buyer, "after the compaction")));
            assertEquals(new TreeSet<>(acked), notes(client, room), "every acknowledged note, and only those");
        }
    }

    @Test
    void aDiskWithUnder8MbFreeRefusesCommandsUntilSpaceIsFreed() throws Exception {
        try (SmallFileSystem disk = SmallFileSystem.mount(temp.resolve("disk"), 32);
             Server server = Server.start(settings(disk.path().resolve("data"), StoreBound.DEFAULTS));
             RoomClient client = new RoomClient(server.port())) {
            RoomClient.Room room = client.openRoom("pos-system");
            RoomClient.Socket buyer = client.connect(room, "buyer");
            buyer.acked(buyer.send("hello", "after", 0));
            List<String> acked = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                acked.add(acked(note(buyer, "before " + i)));
            }

            disk.fillLeaving(4L * 1024 * 1024); // by another process: 4 MB are left, room for hundreds of notes
            assertEquals(503, awaitStatus(client, 503, 20).status());
            long seq = client.lastSeq(room);
            List<String> refused = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                FullDiskTest.Note note = note(buyer, "almost full " + i);
                assertEquals("unavailable", note.answer().path("code").asText(), note.answer().toString());
                assertEquals(DISK_ALMOST_FULL, note.answer().path("message").asText());
                refused.add(note.text());
            }
            assertFalse(buyer.isClosed(), "the socket stays open");
            assertEquals(seq, client.lastSeq(room), "nothing appended");
            assertEquals(0, failures(client, "no_space"), "no write failed: the floor refused before");
            assertReadsGoOn(client, room, acked, refused);

            disk.free();
            assertEquals(200, awaitStatus(client, 200, 20).status());
            acked.add(acked(note(buyer, "after freeing")));
            assertEquals(new TreeSet<>(acked), notes(client, room), "every acknowledged note, and only those");
        }
    }

    /** The room is read over HTTP and by a new socket's history: the acknowledged notes, no refused one. */
    private static void assertReadsGoOn(RoomClient client, RoomClient.Room room, List<String> acked, List<String> refused) {
        Set<String> stored = notes(client, room);
        assertEquals(new TreeSet<>(acked), stored, "every acknowledged note, and only those");
        for (String text : refused) {
            assertFalse(stored.contains(text), "a refused note was not recorded: " + text);
        }
        RoomClient.Socket seller = client.connect(room, "seller");
        seller.acked(seller.send("hello", "after", 0));
        seller.eventAt(client.lastSeq(room)); // a new socket reads the whole room
    }

    private static FullDiskTest.Note note(RoomClient.Socket socket, String label) {
        return FullDiskTest.note(socket, label);
    }
}
