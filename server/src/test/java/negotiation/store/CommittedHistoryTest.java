package negotiation.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import negotiation.commands.AddNote;
import negotiation.commands.CreateRoom;
import negotiation.commands.ErasePrivateData;
import negotiation.commands.MakeOffer;
import negotiation.commands.SubmitInterests;
import negotiation.events.InterestsSubmitted;
import negotiation.events.Package;
import negotiation.readmodel.RoomHistories;
import negotiation.readmodel.RoomHistory;
import negotiation.readmodel.RoomLog;
import negotiation.history.LoggedEvent;
import negotiation.room.RoomRejection;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The room histories are fed by the commits of this process: once a room is loaded,
 * a read after a commit takes its snapshot without reading the store, holds exactly what the
 * store holds, and an erasure still drops what was decrypted before. The store is the real H2
 * file store; only its reads are counted on their way to the histories.
 */
class CommittedHistoryTest {
    static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path data;

    /** The store's reads, counted. */
    record CountingLog(RoomLog store, AtomicInteger reads) implements RoomLog {
        @Override
        public List<LoggedEvent> read(String roomId, long after) {
            reads.incrementAndGet();
            return store.read(roomId, after);
        }
    }

    @Test
    void committedEventsReachTheHistoryWithoutAStoreReadAndMatchTheStore() {
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            AtomicInteger reads = new AtomicInteger();
            RoomHistories histories = new RoomHistories(new CountingLog(store, reads), false);
            store.onCommitted(histories::committed);
            store.send(new CreateRoom("room", "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
            assertEquals(1, histories.current("room").orElseThrow().lastSeq());
            assertEquals(1, reads.get(), "the first use reads the room");
            RoomHistory.Snapshot before = histories.current("room").orElseThrow();
            for (int i = 0; i < 50; i++) {
                long seq = store.send(new AddNote("room", i % 2 == 0 ? "anna" : "beth", "note " + i, AT), null);
                assertEquals(seq, histories.current("room", seq).orElseThrow().lastSeq());
                assertEquals(seq, histories.current("room").orElseThrow().lastSeq());
            }
            // A refused command commits nothing, so it tells nothing.
            assertThrows(RoomRejection.class, () -> store.send(new MakeOffer("room", "nobody", Package.EMPTY, null, AT), null));
            assertEquals(1, reads.get(), "no store read after the first: every commit fed the history");
            assertEquals(1, before.lastSeq(), "a snapshot taken before stays as it was");

            RoomHistory.Snapshot now = histories.current("room").orElseThrow();
            List<LoggedEvent> stored = store.read("room", 0);
            assertEquals(stored, now.entries().stream().map(RoomHistory.Entry::logged).toList());
        }
    }

    @Test
    void anErasureCommittedHereDropsWhatTheHistoryDecrypted() {
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            AtomicInteger reads = new AtomicInteger();
            RoomHistories histories = new RoomHistories(new CountingLog(store, reads), false);
            store.onCommitted(histories::committed);
            store.send(new CreateRoom("room", "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
            histories.current("room");
            store.send(new SubmitInterests("room", "anna", Scenarios.interests("orange", "anna"), 7, AT), null);
            RoomHistory.Snapshot submitted = histories.current("room").orElseThrow();
            assertNotNull(((InterestsSubmitted) submitted.entries().get(1).logged().event()).interests());

            store.shred("room", "anna");
            store.send(new ErasePrivateData("room", "anna", AT), null);
            RoomHistory.Snapshot erased = histories.current("room").orElseThrow();
            assertEquals(3, erased.lastSeq());
            assertNull(((InterestsSubmitted) erased.entries().get(1).logged().event()).interests(),
                    "the interests decrypted before the erasure are gone from the history");
            assertEquals(2, reads.get(), "after the erasure the room is read again, without the destroyed key");
        }
    }
}
