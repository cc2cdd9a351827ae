package negotiation.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import negotiation.Main;
import negotiation.Server;
import negotiation.mediation.ChainVerifier;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import negotiation.web.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore through the jar's commands against a real server and its H2 file store:
 * a backup taken while a room is being written restores to rooms whose exports verify, at the
 * head the server had at that seq; a party's erasure made after the backup still holds after
 * the restore (its key is not brought back), while the other party's private data reads as
 * before; a damaged backup is refused with a plain message and nothing is written.
 */
@ExtendWith(BlockedThreadWatch.class)
class BackupRestoreTest {
    @TempDir
    Path temp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aBackupUnderWritesRestoresVerifiableRoomsAndAnErasureAfterItHoldsAfterTheRestore() throws Exception {
        Path data = temp.resolve("data");
        Path backup = temp.resolve("rooms-backup.zip");
        RoomClient.Room room;
        RoomClient.Room busy;
        Map<Long, String> liveHashes = new ConcurrentHashMap<>();
        try (Server server = Server.start(new Server.Settings(0, data, 10));
             RoomClient client = new RoomClient(server.port())) {
            room = caucused(client);
            busy = client.openRoom("pos-system");
            RoomClient.Socket writer = ErasureTest.join(client, busy, "seller");
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger written = new AtomicInteger();
            Thread load = new Thread(() -> {
                while (writing.get()) {
                    writer.acked(writer.send("note", "text", "under load " + written.incrementAndGet()));
                }
            });
            load.start();
            while (written.get() < 20) {
                Thread.sleep(10);
            }
            Run taken = run("backup", "--to", backup.toString(), "--data", data.toString(),
                    "--server", "http://localhost:" + server.port());
            int duringBackup = written.get();
            while (written.get() < duringBackup + 20) {
                Thread.sleep(10);
            }
            writing.set(false);
            load.join();
            assertEquals(0, taken.code(), taken.err());
            assertTrue(taken.out().contains("from the running server"), taken.out());
            for (JsonNode event : writer.events()) {
                liveHashes.put(event.get("seq").asLong(), event.get("hash").asText());
            }

            assertTrue(mediatorsLog(client, room).contains(BUYERS_SECRET), "the mediator reads the buyer's caucus");
            assertEquals(204, client.delete(ErasureTest.privateData(room, "buyer"), room.token("buyer")).status());
            assertFalse(mediatorsLog(client, room).contains(BUYERS_SECRET), "erased before the restore");
        }

        Run restored = run("restore", "--from", backup.toString(), "--data", data.toString());
        assertEquals(0, restored.code(), restored.err());
        assertTrue(restored.out().contains("the database that was there is now"), restored.out());

        try (Server server = Server.start(new Server.Settings(0, data, 10));
             RoomClient client = new RoomClient(server.port())) {
            String restoredLog = mediatorsLog(client, room);
            assertFalse(restoredLog.contains(BUYERS_SECRET), "the erasure after the backup holds: " + restoredLog);
            assertFalse(client.get(ErasureTest.base(room) + "/events?after=0", room.token("buyer")).body()
                    .contains(BUYERS_SECRET), "not even for the buyer");
            assertTrue(restoredLog.contains(SELLERS_SECRET), "the seller's private data was not erased: " + restoredLog);

            for (RoomClient.Room each : List.of(room, busy)) {
                HttpAnswer export = client.get(ErasureTest.base(each) + "/export", each.token("mediator"));
                assertEquals(200, export.status(), export.body());
                ChainVerifier.Verification verified = ErasureTest.verify(export.body());
                assertTrue(verified.intact(), verified.reason());
                if (each == busy) {
                    assertTrue(verified.verified() > 20, "the backup holds the writes before it: " + verified.verified());
                    assertEquals(liveHashes.get(verified.verified()), verified.head(),
                            "the restored head is the head the server had at seq " + verified.verified());
                }
            }
            RoomClient.Socket buyer = ErasureTest.join(client, room, "buyer");
            buyer.acked(buyer.send("note", "text", "again " + BUYERS_SECRET, "to", "mediator"));
            assertTrue(mediatorsLog(client, room).contains("again " + BUYERS_SECRET),
                    "the buyer writes privately again, under a new key generation");
        }
    }

    /**
     * A large store's backup takes minutes before its first byte and more to send, while the
     * client sends nothing: the connection's idle timeout (nothing read for that long) must not
     * cut it. Here the file is padded so that its backup takes longer than a 1 s idle timeout.
     */
    @Test
    void aBackupTakingLongerThanTheIdleTimeoutArrives() throws Exception {
        Path data = temp.resolve("data");
        Path backup = temp.resolve("rooms-backup.zip");
        try (Server server = Server.start(new Server.Settings(0, data, 10))) {
            // creates the store
        }
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("rooms").toAbsolutePath(), "sa", "")) {
            h2.createStatement().execute("CREATE TABLE padding (bytes BLOB)");
            var statement = h2.prepareStatement("INSERT INTO padding VALUES (?)");
            Random random = new Random(7);
            for (int i = 0; i < 96; i++) {
                byte[] bytes = new byte[1 << 20];
                random.nextBytes(bytes); // incompressible, so the backup's zip takes its time
                statement.setBytes(1, bytes);
                statement.execute();
            }
        }
        Limits oneSecond = new Limits(50, 200, 1, 30, List.of(), Limits.DEFAULT_CONNECTIONS_PER_ADDRESS,
                Limits.DEFAULT_HEAD_SECONDS);
        try (Server server = Server.start(new Server.Settings(0, data, 10, oneSecond))) {
            long start = System.nanoTime();
            Run taken = run("backup", "--to", backup.toString(), "--data", data.toString(),
                    "--server", "http://localhost:" + server.port());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(0, taken.code(), taken.err());
            assertTrue(millis > 1_500, "the backup took " + millis + " ms, not longer than the idle timeout: this proves nothing");
        }
        assertTrue(Files.size(backup) > 96L << 20, "the whole file is in the backup");
    }

    @Test
    void aDamagedBackupIsRefusedAndNothingIsWritten() throws Exception {
        Path data = temp.resolve("data");
        Path backup = temp.resolve("good.zip");
        try (Server server = Server.start(new Server.Settings(0, data, 10));
             RoomClient client = new RoomClient(server.port())) {
            caucused(client);
        }
        Run offline = run("backup", "--to", backup.toString(), "--data", data.toString());
        assertEquals(0, offline.code(), offline.err());
        assertTrue(offline.out().contains("no server was running"), offline.out());

        byte[] bytes = Files.readAllBytes(backup);
        byte[] flipped = bytes.clone();
        for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) {
            flipped[i] ^= 0x5a;
        }
        Path damaged = Files.write(temp.resolve("damaged.zip"), flipped);
        Path truncated = Files.write(temp.resolve("truncated.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path notABackup = Files.writeString(temp.resolve("notes.zip"), "not a zip at all");
        for (Path bad : List.of(damaged, truncated, notABackup)) {
            Path target = temp.resolve("restored-" + bad.getFileName());
            Run refused = run("restore", "--from", bad.toString(), "--data", target.toString());
            assertEquals(Main.ExitCode.BACKUP_FAILED, refused.code(), bad + ": " + refused.out() + refused.err());
            assertTrue(refused.err().startsWith("error: the backup is refused, and nothing in " + target
                    + " was changed: "), refused.err());
            assertFalse(Files.exists(target), "nothing written for " + bad);
        }
        Path target = temp.resolve("restored-good");
        Run good = run("restore", "--from", backup.toString(), "--data", target.toString());
        assertEquals(0, good.code(), good.err());
        assertTrue(good.out().contains("does not exist: every party's private data"), good.out());
    }

    static final String BUYERS_SECRET = "caucus-from-buyer-5521";
    static final String SELLERS_SECRET = "caucus-from-seller-7730";

    /**
     * A room where each party wrote the mediator a caucus note: private data sealed under the
     * author's key and erased with it, like interests.
     */
    static RoomClient.Room caucused(RoomClient client) {
        RoomClient.Room room = client.openRoom("pos-system");
        RoomClient.Socket buyer = ErasureTest.join(client, room, "buyer");
        RoomClient.Socket seller = ErasureTest.join(client, room, "seller");
        buyer.acked(buyer.send("note", "text", BUYERS_SECRET, "to", "mediator"));
        seller.acked(seller.send("note", "text", SELLERS_SECRET, "to", "mediator"));
        return room;
    }

    /** The room's log as its mediator reads it. */
    static String mediatorsLog(RoomClient client, RoomClient.Room room) {
        HttpAnswer events = client.get(ErasureTest.base(room) + "/events?after=0", room.token("mediator"));
        assertEquals(200, events.status(), events.body());
        return events.body();
    }
}
