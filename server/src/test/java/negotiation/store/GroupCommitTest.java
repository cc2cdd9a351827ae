package negotiation.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import negotiation.commands.AddNote;
import negotiation.commands.CreateRoom;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On H2 an acknowledged command's commit is in the file (README, "Durability"): a commit returns
 * once a write of the file that began after it has completed, with {@code --fsync} forced to the
 * disk too, and commands that commit together share one write, so the file does not grow by a
 * chunk per event (docs/performance.md, "The store file under load").
 */
class GroupCommitTest {
    static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path data;

    @TempDir
    Path copy;

    @Test
    void everyAcknowledgedCommandWaitsForAWriteThatBeganAfterItsCommit() {
        try (AxonRoomStore store = AxonRoomStore.open(new Database.H2(data, true), 100)) {
            store.send(new CreateRoom("room", "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
            for (int i = 0; i < 20; i++) {
                // Nothing else runs: any write completing within send is one this command started after its commit.
                long before = store.commitWrites();
                store.send(new AddNote("room", "anna", "note " + i, AT), "request " + i);
                assertEquals(before + 1, store.commitWrites(), "command " + i + " acknowledged after one write");
            }
            assertEquals(2, store.send(new AddNote("room", "anna", "note 0", AT), "request 0"), "a re-sent command");
        }
    }

    /** The file as a crash of the process would leave it, copied right after the acks: it holds every acked event. */
    @Test
    void anAcknowledgedCommandIsInTheFileWithoutFsync() throws Exception {
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            store.send(new CreateRoom("room", "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
            for (int i = 0; i < 5; i++) {
                store.send(new AddNote("room", "anna", "note " + i, AT), null);
            }
            Files.copy(data.resolve("rooms.mv.db"), copy.resolve("rooms.mv.db"));
        }
        try (AxonRoomStore crashed = AxonRoomStore.open(copy, 100)) {
            assertEquals(6, crashed.read("room", 0).size());
        }
    }

    @Test
    void commandsCommittingTogetherShareAWrite() throws Exception {
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            for (int t = 0; t < threads; t++) {
                store.send(new CreateRoom("room" + t, "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
            }
            long before = store.commitWrites();
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String room = "room" + t;
                senders.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        long writesBefore = store.commitWrites();
                        store.send(new AddNote(room, "anna", "note " + i, AT), null);
                        assertTrue(store.commitWrites() > writesBefore, "acknowledged before any write completed");
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
            long writes = store.commitWrites() - before;
            assertTrue(writes < threads * each, writes + " writes for " + threads * each + " commands: none shared");
        } finally {
            pool.shutdownNow();
        }
    }
}
