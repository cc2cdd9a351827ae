package negotiation.store;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The threads that take and store rooms' snapshots, one pair per open store. Closing the store
 * drops the snapshots still queued (a snapshot only saves replaying) and waits for the one being
 * stored: a snapshot seals private state under party keys and writes to the database, so none
 * may run on after the store is closed and its data directory handed back.
 */
final class SnapshotThreads implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SnapshotThreads.class.getName());
    private static final int THREADS = 2;
    private static final long CLOSE_WAIT_SECONDS = 30;
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS, runnable -> {
        Thread thread = new Thread(runnable, "room-snapshots");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    /** Runs the snapshot later on these threads, unless the store has closed by then. */
    void execute(Runnable snapshot) {
        if (closed) {
            return;
        }
        threads.execute(() -> {
            if (!closed) {
                snapshot.run();
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        threads.shutdown();
        try {
            if (!threads.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warning("a room snapshot was still being stored when the store closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
