package negotiation.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import negotiation.Server;
import negotiation.mediation.ChainVerifier;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import negotiation.support.ThrowawayPostgres;
import negotiation.web.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL backup and restore of docs/operating.md, run as written there with pg_dump and
 * pg_restore against a real server: the dump leaves the party keys' rows out and the restore
 * leaves the keys table as it is, so an erasure made after the dump still holds after the
 * restore, while the rooms come back as they were at the dump, their exports verifying.
 */
@ExtendWith(BlockedThreadWatch.class)
class PostgresBackupTest {
    /** The commands of docs/operating.md, "Backup and restore", "PostgreSQL". */
    static final String DUMP = "pg_dump --format=custom --exclude-table-data=room_party_keys --file=rooms.dump"
            + " -h $HOST -p $PORT -U rooms $DB";
    static final String RESTORE = "pg_restore --list rooms.dump | grep -v room_party_keys > rooms.list"
            + " && pg_restore --clean --if-exists --use-list=rooms.list -h $HOST -p $PORT -U rooms --dbname=$DB rooms.dump";

    @TempDir
    Path temp;

    @Test
    void aRestoredDumpHasTheRoomsAsDumpedAndAnErasureAfterTheDumpStillHolds() throws Exception {
        Database.Postgres database = PostgresStoreTest.postgres();
        Server.Settings settings = new Server.Settings(0, temp.resolve("data"), 3, Limits.DEFAULTS, database, null);
        RoomClient.Room room;
        String headAtDump;
        long seqAtDump;
        try (Server server = Server.start(settings); RoomClient client = new RoomClient(server.port())) {
            room = BackupRestoreTest.caucused(client);
            ChainVerifier.Verification dumped = verifiedExport(client, room);
            headAtDump = dumped.head();
            seqAtDump = dumped.verified();

            shell(DUMP, database); // while the server runs: pg_dump reads one consistent snapshot

            RoomClient.Socket seller = ErasureTest.join(client, room, "seller");
            seller.acked(seller.send("note", "text", "written after the dump"));
            assertEquals(204, client.delete(ErasureTest.privateData(room, "buyer"), room.token("buyer")).status());
            assertFalse(BackupRestoreTest.mediatorsLog(client, room).contains(BackupRestoreTest.BUYERS_SECRET));
        }

        shell(RESTORE, database); // every node stopped

        assertEquals(Map.of("buyer", false, "seller", true), keysLive(database, room),
                "the keys table is as it was before the restore: the buyer's generation erased, the seller's live");
        try (Server server = Server.start(settings); RoomClient client = new RoomClient(server.port())) {
            String log = BackupRestoreTest.mediatorsLog(client, room);
            assertFalse(log.contains(BackupRestoreTest.BUYERS_SECRET), "the erasure after the dump holds: " + log);
            assertTrue(log.contains(BackupRestoreTest.SELLERS_SECRET), "the seller's private data reads as before: " + log);
            assertFalse(log.contains("written after the dump"), "the room is as it was at the dump");
            ChainVerifier.Verification restored = verifiedExport(client, room);
            assertEquals(seqAtDump, restored.verified());
            assertEquals(headAtDump, restored.head(), "the restored head is the head at the dump");

            RoomClient.Socket buyer = ErasureTest.join(client, room, "buyer");
            buyer.acked(buyer.send("note", "text", "again " + BackupRestoreTest.BUYERS_SECRET, "to", "mediator"));
            assertTrue(BackupRestoreTest.mediatorsLog(client, room).contains("again " + BackupRestoreTest.BUYERS_SECRET),
                    "the buyer writes privately again, under a new key generation");
        }
    }

    static ChainVerifier.Verification verifiedExport(RoomClient client, RoomClient.Room room) throws java.io.IOException {
        HttpAnswer export = client.get(ErasureTest.base(room) + "/export", room.token("mediator"));
        assertEquals(200, export.status(), export.body());
        ChainVerifier.Verification verified = ErasureTest.verify(export.body());
        assertTrue(verified.intact(), verified.reason());
        return verified;
    }

    /** For each party of the room, whether its newest key generation still has its key. */
    static Map<String, Boolean> keysLive(Database.Postgres database, RoomClient.Room room) throws Exception {
        Map<String, Boolean> live = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             var select = connection.prepareStatement("SELECT party, party_key IS NOT NULL FROM room_party_keys"
                     + " WHERE room_id = ? ORDER BY generation")) {
            select.setString(1, room.id());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    live.put(rows.getString(1), rows.getBoolean(2));
                }
            }
        }
        return live;
    }

    /** Runs a documented command line in the temporary directory, PostgreSQL's programs on the PATH. */
    private void shell(String command, Database.Postgres database) throws Exception {
        URI url = URI.create(database.url().substring("jdbc:".length()));
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(temp.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", ThrowawayPostgres.tool("pg_dump").orElseThrow().getParent() + ":"
                + System.getenv("PATH"));
        builder.environment().put("HOST", url.getHost());
        builder.environment().put("PORT", String.valueOf(url.getPort()));
        builder.environment().put("DB", url.getPath().substring(1));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), command);
        assertEquals(0, process.exitValue(), command + ": " + output);
    }
}
