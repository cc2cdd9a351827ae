package negotiation.store;

import java.sql.Connection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Keeps the H2 file about as large as the data it holds. H2 writes every commit as a new chunk
 * and frees old pages only in its background writer's housekeeping, which {@code WRITE_DELAY=0}
 * (needed so that an acknowledged commit survives {@code kill -9}) switches off. Without this,
 * the file grew by about 6 KB per short event whose live data is about 330 bytes. So the same
 * housekeeping runs here, on its own thread: it rewrites the chunks that are mostly garbage,
 * and the space they held is reused.
 *
 * <p>A pass runs only between write transactions: every write to the store runs inside
 * {@link #whileWriting}, and a pass waits until none is in flight (new ones wait for the pass).
 * H2 2.5's {@code MVStore.compact} beside the writers made a {@code kill -9} more likely to leave
 * rows of uncommitted transactions without their undo log, which blocked a room's next append:
 * on a bare H2 table, 6 of 63 kills left such rows with compaction beside the writes, 1 of 59
 * without compaction, 0 of 36 with it gated like this (docs/performance.md, "H2 after kill -9";
 * {@link H2Leftovers} clears those that remain when the store opens).
 */
final class H2FileCompaction implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(H2FileCompaction.class.getName());
    /** Chunks less full than this are rewritten (H2's own default for its background compaction). */
    static final int TARGET_FILL_RATE = 90;
    /**
     * At most this many bytes rewritten per pass, so one pass never holds the writers back for
     * long. Passes of at most 2 MB every second, against 16 MB every 5 s, in alternated load
     * benchmark runs: the longest pass 23-41 ms against 59-118 ms, the open loop's p99 18.7-25.5
     * ms against 34.9-46.8 ms, the file per event after compaction the same (770-798 bytes
     * against 724-773).
     */
    static final int WRITE_LIMIT = 2 * 1024 * 1024;
    /** How long a pass waits for the writes in flight to finish before it gives up until the next one. */
    private static final long WAIT_FOR_WRITES_MILLIS = 200;

    private final DataSource pool;
    /** Shared by the writes in flight, held alone by a pass. */
    private final ReentrantReadWriteLock writes = new ReentrantReadWriteLock();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "h2-compaction");
        thread.setDaemon(true);
        return thread;
    });

    private final StoreHealth health;

    H2FileCompaction(DataSource pool, long everyMillis, StoreHealth health) {
        this.pool = pool;
        this.health = health;
        timer.scheduleWithFixedDelay(this::compactQuietly, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs a write to the store (a command's unit of work, a snapshot) with no pass under way. */
    <T> T whileWriting(Supplier<T> write) {
        writes.readLock().lock();
        try {
            return write.get();
        } finally {
            writes.readLock().unlock();
        }
    }

    /** Runs {@code work} with no write in flight and none starting meanwhile (e.g. repairs after a failed write). */
    <T> T exclusively(java.util.concurrent.Callable<T> work) throws Exception {
        writes.writeLock().lock();
        try {
            return work.call();
        } finally {
            writes.writeLock().unlock();
        }
    }

    /**
     * One housekeeping pass, once no write is in flight: rewrites sparse chunks until the file's
     * fill rate reaches the target. False when writes kept it waiting too long (the next pass
     * tries again).
     */
    boolean compact() throws Exception {
        // The connection first: a pass must not wait for one while it keeps the writers waiting.
        try (Connection connection = pool.getConnection()) {
            MVStore store = mvStore(connection);
            if (!writes.writeLock().tryLock(WAIT_FOR_WRITES_MILLIS, TimeUnit.MILLISECONDS)) {
                return false;
            }
            try {
                if (!store.isClosed() && store.compact(TARGET_FILL_RATE, WRITE_LIMIT)) {
                    store.tryCommit();
                }
                return true;
            } finally {
                writes.writeLock().unlock();
            }
        }
    }

    /** The H2 store under a connection of the pool. */
    static MVStore mvStore(Connection connection) throws java.sql.SQLException {
        return ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
    }

    private void compactQuietly() {
        if (health.outage().isPresent()) {
            return; // H2 has closed the file after a failed write; a pass would only reopen it
        }
        try {
            compact();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            // A full disk fails a pass as it fails a commit, and is reported as such; else the store
            // may be closing, and the next pass, or the compaction H2 runs on close, catches up.
            if (!health.observe(e)) {
                LOG.log(Level.FINE, "H2 compaction pass skipped", e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
