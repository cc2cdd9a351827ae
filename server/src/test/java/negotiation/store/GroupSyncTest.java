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
 * An acknowledged command on H2 is in the file (docs/durability.md): without {@code --fsync} it
 * survives a crash of the process, its commit written before send returns; with it, a power loss
 * too, its commit forced to the disk before send returns, and commands that wait together share
 * one force. Without it, nothing is forced.
 */
class GroupSyncTest {
    static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path data;

    @TempDir
    Path copy;

    /** Without --fsync: the file as a crash of the process leaves it, copied right after the acks, holds every acked event. */
    @Test
    void anAcknowledgedCommandIsInTheFile() throws Exception {
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
    void everyAcknowledgedCommandWaitsForAForceThatBeganAfterItsCommit() {
        try (AxonRoomStore store = AxonRoomStore.open(new Database.H2(data, true), 100)) {
            store.send(new CreateRoom("room", "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
            for (int i = 0; i < 20; i++) {
                // Nothing else runs: any force completing within send is one this command started after its commit.
                long before = store.forces();
                store.send(new AddNote("room", "anna", "note " + i, AT), "request " + i);
                assertEquals(before + 1, store.forces(), "command " + i + " acknowledged after one force");
            }
            // A re-sent command appends nothing, and is acknowledged after a force too.
            long before = store.forces();
            assertEquals(2, store.send(new AddNote("room", "anna", "note 0", AT), "request 0"));
            assertEquals(before + 1, store.forces());
        }
    }

    @Test
    void withoutFsyncNothingIsForced() {
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            store.send(new CreateRoom("room", "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
            store.send(new AddNote("room", "anna", "note", AT), null);
            assertEquals(0, store.forces());
        }
    }

    @Test
    void commandsWaitingTogetherShareAForce() throws Exception {
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (AxonRoomStore store = AxonRoomStore.open(new Database.H2(data, true), 100)) {
            for (int t = 0; t < threads; t++) {
                store.send(new CreateRoom("room" + t, "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
            }
            long before = store.forces();
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String room = "room" + t;
                senders.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        long forcesBefore = store.forces();
                        store.send(new AddNote(room, "anna", "note " + i, AT), null);
                        assertTrue(store.forces() > forcesBefore, "acknowledged before any force completed");
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
            long forces = store.forces() - before;
            assertTrue(forces < threads * each, forces + " forces for " + threads * each + " commands: none shared");
        } finally {
            pool.shutdownNow();
        }
    }
}
