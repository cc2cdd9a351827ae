package negotiation.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import negotiation.commands.AddNote;
import negotiation.commands.CreateRoom;
import negotiation.history.LoggedEvent;
import negotiation.support.Scenarios;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored event's payload and metadata stay in its row of the H2 file: with H2's default
 * (BLOBs over 256 bytes go to its separate LOB store) every event's metadata, which holds its
 * public form and hash (about 400 bytes), cost one more lookup per event on each read, most of
 * a cold replay's database time (docs/performance.md, "Cold replay"). A row holds what the room
 * needs and no more, and its identifier follows the order of storing, so that each commit
 * rewrites as few pages of the file as it can (docs/performance.md, "The store file under load").
 */
class EventRowsTest {
    static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path data;

    @Test
    void eventsAreStoredInTheirRowsNotInTheLobStore() {
        List<LoggedEvent> stored;
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            store.send(new CreateRoom("room", "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
            for (int i = 0; i < 20; i++) {
                store.send(new AddNote("room", i % 2 == 0 ? "anna" : "beth", "a note long enough to matter: ".repeat(8) + i, AT),
                        "request-" + i);
            }
            stored = store.read("room", 0);
        }
        assertEquals(21, stored.size());
        assertTrue(stored.get(1).publicForm().length() > 256, "the metadata is over H2's default in-row size");
        try (MVStore file = new MVStore.Builder().fileName(data.resolve("rooms.mv.db").toString()).readOnly().open()) {
            // H2's LOB store keeps each out-of-row value's bytes in this map (LobStorageMap), keyed by block.
            long lobs = file.hasMap("lobData") ? file.openMap("lobData", new MVMap.Builder<Long, byte[]>()
                    .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE)).sizeAsLong() : 0;
            assertEquals(0, lobs, "blocks in H2's LOB store");
        }
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            assertEquals(stored, store.read("room", 0), "read back after a restart as written");
        }
    }

    @Test
    void eventIdentifiersFollowTheOrderOfStoringAndMetadataHoldsNoTraceIds() throws Exception {
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            store.send(new CreateRoom("room", "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
            for (int i = 0; i < 30; i++) {
                store.send(new AddNote("room", "anna", "note " + i, AT), "request-" + i);
                Thread.sleep(i % 10 == 0 ? 2 : 0); // several milliseconds, not only one
            }
        }
        List<String> identifiers = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("rooms"), "sa", "");
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT eventIdentifier, UTF8TOSTRING(metaData) FROM DomainEventEntry ORDER BY globalIndex")) {
            while (rows.next()) {
                identifiers.add(rows.getString(1));
                String metaData = rows.getString(2);
                assertTrue(!metaData.contains("traceId") && !metaData.contains("correlationId"), metaData);
            }
        }
        assertEquals(31, identifiers.size());
        // Their first 48 bits are the time in milliseconds (within a millisecond the rest is random).
        for (int i = 1; i < identifiers.size(); i++) {
            String earlier = identifiers.get(i - 1).substring(0, 13);
            String later = identifiers.get(i).substring(0, 13);
            assertTrue(earlier.compareTo(later) <= 0, "event " + i + ": " + earlier + " after " + later);
        }
    }
}
