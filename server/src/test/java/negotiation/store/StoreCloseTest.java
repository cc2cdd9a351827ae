package negotiation.store;

import static negotiation.store.ErasureTest.bothSubmitted;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import negotiation.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing of a store works on after it is closed: a snapshot still queued or running then would
 * seal private state under party keys (making a key file if the party's was not found) and write
 * into a data directory that its owner may already be moving or deleting.
 */
@ExtendWith(BlockedThreadWatch.class)
class StoreCloseTest {
    private static final String SNAPSHOT_THREAD = "room-snapshots";
    private static final long JOIN_MILLIS = 10_000;

    @TempDir
    Path data;

    @Test
    void closingTheServerEndsItsSnapshotThreads() throws Exception {
        Set<Thread> before = snapshotThreads();
        // a snapshot after every event: the close comes while some are queued or being stored
        try (Server server = Server.start(new Server.Settings(0, data, 1));
             RoomClient client = new RoomClient(server.port())) {
            for (int room = 0; room < 3; room++) {
                ErasureTest.Submitted both = bothSubmitted(client);
                both.buyer().acked(both.buyer().send("note", "text", "one more event to snapshot"));
            }
        }
        List<Thread> stillAlive = snapshotThreads().stream().filter(thread -> !before.contains(thread)).toList();
        for (Thread thread : stillAlive) {
            thread.join(JOIN_MILLIS);
        }
        assertEquals(List.of(), stillAlive.stream().filter(Thread::isAlive).map(Thread::getName).toList(),
                "the store's snapshot threads end when it closes");
    }

    private static Set<Thread> snapshotThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(SNAPSHOT_THREAD))
                .collect(Collectors.toSet());
    }
}
