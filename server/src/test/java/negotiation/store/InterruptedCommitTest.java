package negotiation.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.time.Instant;
import negotiation.commands.AddNote;
import negotiation.support.DataDirectories;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit that a {@code kill -9} left under way is completed when the store opens. The fixture
 * is a data directory as a kill left it in a CrashSafetyIT run (its README): one transaction
 * marked committed that H2's own recovery leaves open for ever, so the next append to its room
 * waited until the lock timeout and the command failed as {@code internal}.
 */
class InterruptedCommitTest {
    private static final Path FIXTURE = Path.of("src/test/resources/store/h2-after-kill");
    private static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path temp;

    @Test
    void h2AloneLeavesTheCommitOpenAndItsRoomLocked() throws Exception {
        JdbcConnectionPool h2 = open(copyOfFixture(temp.resolve("as-h2-leaves-it")));
        try {
            List<String> refused = appendToEveryRoom(h2);
            assertTrue(!refused.isEmpty(), "the fixture shows the defect: some room's next append is refused");
            assertTrue(refused.get(0).contains("50200"), refused.get(0)); // H2's lock timeout
        } finally {
            h2.dispose();
        }
    }

    @Test
    void theRoomStoreCompletesItAndEveryRoomTakesItsNextNote() throws Exception {
        Path data = copyOfFixture(temp.resolve("data"));
        Map<String, Long> before = new LinkedHashMap<>();
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            for (String room : rooms(data)) {
                before.put(room, (long) store.read(room, 0).size());
            }
            for (Map.Entry<String, Long> room : before.entrySet()) {
                long seq = store.send(new AddNote(room.getKey(), "buyer", "after the crash", AT), null);
                assertEquals(store.read(room.getKey(), 0).size(), seq, "the note is the room's last event");
            }
        }
        assertEquals(490 + 1, before.values().stream().mapToLong(Long::longValue).sum(),
                "the completed commit's event is readable: one more than the 490 H2 alone shows");
    }

    private Path copyOfFixture(Path directory) throws Exception {
        Files.createDirectories(directory);
        try (InputStream fixture = new GZIPInputStream(Files.newInputStream(FIXTURE.resolve("rooms.mv.db.gz")))) {
            Files.copy(fixture, directory.resolve("rooms.mv.db"));
        }
        Files.createDirectories(directory.resolve("keys"));
        DataDirectories.copy(FIXTURE.resolve("keys"), directory.resolve("keys"));
        Files.writeString(directory.resolve("store.open"), ""); // the killed run never closed it
        return directory;
    }

    private static JdbcConnectionPool open(Path directory) throws Exception {
        // H2's default lock timeout is 1 s; a shorter one keeps the refused append quick.
        return JdbcConnectionPool.create("jdbc:h2:file:" + directory.toAbsolutePath().resolve("rooms")
                + ";LOCK_TIMEOUT=300", "sa", "");
    }

    private static List<String> rooms(Path data) {
        return List.of("4l2mez5tcbpsoyo4", "ah65vo76qorofz6t", "hy4pka4rybj6vxiz", "tiimznsokrjmmr5p");
    }

    /** Appends each room's next two events and rolls them back; the refusals, if any. */
    private static List<String> appendToEveryRoom(JdbcConnectionPool h2) throws SQLException {
        Map<String, Long> next = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        try (Connection connection = h2.getConnection()) {
            try (ResultSet rooms = connection.createStatement().executeQuery(
                    "SELECT aggregateIdentifier, MAX(sequenceNumber) FROM DomainEventEntry GROUP BY aggregateIdentifier")) {
                while (rooms.next()) {
                    next.put(rooms.getString(1), rooms.getLong(2) + 1);
                }
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO DomainEventEntry"
                    + " (aggregateIdentifier, sequenceNumber, eventIdentifier, payload, payloadType, timeStamp)"
                    + " VALUES (?, ?, ?, X'00', 'x', 'x')")) {
                for (Map.Entry<String, Long> room : next.entrySet()) {
                    for (long seq = room.getValue(); seq < room.getValue() + 2; seq++) {
                        insert.setString(1, room.getKey());
                        insert.setLong(2, seq);
                        insert.setString(3, UUID.randomUUID().toString());
                        try {
                            insert.executeUpdate();
                        } catch (SQLException e) {
                            refused.add(room.getKey() + " " + seq + ": " + e.getErrorCode());
                        }
                    }
                }
            } finally {
                connection.rollback();
            }
        }
        return refused;
    }
}
