package negotiation.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import negotiation.commands.AddNote;
import negotiation.commands.CreateRoom;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that was not closed (the process was killed) is checked at its next open: every
 * room's next appends are written once and rolled back ({@link H2Leftovers}), which leaves
 * nothing behind and changes no seq; a store that was closed is not checked.
 */
class UncleanStopTest {
    static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path data;

    @Test
    void onlyAStoreLeftOpenIsCheckedAndTheCheckLeavesNothing() throws Exception {
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            for (String room : List.of("room-a", "room-b")) {
                store.send(new CreateRoom(room, "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
                store.send(new AddNote(room, "anna", "before the stop", AT), null);
            }
        }
        assertFalse(Files.exists(data.resolve("store.open")), "a closed store leaves no open mark");
        assertEquals(List.of(), checksDuring(() -> AxonRoomStore.open(data, 100).close()), "a clean stop is not checked");

        // What a killed process leaves: the mark of a store that was never closed.
        Files.writeString(data.resolve("store.open"), "");
        List<String> checks = checksDuring(() -> {
            try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
                assertEquals(3, store.send(new AddNote("room-a", "anna", "after the stop", AT), null));
                assertEquals(3, store.read("room-a", 0).size());
                assertEquals(2, store.read("room-b", 0).size());
                try (Connection h2 = DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath().resolve("rooms"), "sa", "");
                     ResultSet rows = h2.createStatement().executeQuery("SELECT COUNT(*) FROM DomainEventEntry")) {
                    rows.next();
                    assertEquals(5, rows.getLong(1), "the check left no row behind");
                }
            }
        });
        assertEquals(1, checks.size(), "one check after the unclean stop: " + checks);
        assertTrue(checks.get(0).contains("of 2 rooms"), checks.get(0));
        assertFalse(Files.exists(data.resolve("store.open")));
    }

    private static List<String> checksDuring(ThrowingRunnable action) throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(H2Leftovers.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            action.run();
        } finally {
            logger.removeHandler(handler);
        }
        return messages;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
