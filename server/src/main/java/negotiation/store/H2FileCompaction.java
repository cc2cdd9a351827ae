package negotiation.store;

import java.sql.Connection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;

/**
 * Keeps the H2 file about as large as the data it holds. H2 writes every commit as a new chunk
 * and frees old pages only in its background writer's housekeeping, which {@code WRITE_DELAY=0}
 * (needed so that an acknowledged commit survives {@code kill -9}) switches off. Without this,
 * the file grew by several KB per short event whose live data is under one. So the same
 * housekeeping runs here, on its own thread: it rewrites the chunks that are mostly garbage,
 * and the space they held is reused; once the store is idle it moves chunks toward the file's
 * start and cuts off its end. H2's retention time (45 s: a chunk's space is reused only that
 * long after it was written) is left as it is: shortened to 1 s, the file stayed about half as
 * large under load, but one CrashSafetyIT run then lost an acknowledged command after a kill -9
 * (docs/performance.md, "The store file under load").
 *
 * <p>A pass runs only between write transactions: every write to the store runs inside
 * {@link #whileWriting} (a command from its first append to the end of its unit of work,
 * {@link #beginWrite}), and a pass waits until none is in flight (new ones wait for the pass).
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
     * long, and the chunk it writes fits in the holes the freed chunks leave (a larger one goes to
     * the file's end and keeps the file from shrinking). Passes of at most 2 MB every second,
     * against 16 MB every 5 s, in alternated load benchmark runs: the longest pass 23-41 ms against
     * 59-118 ms, the open loop's p99 18.7-25.5 ms against 34.9-46.8 ms. Passes follow each other
     * sooner while the file has sparse chunks ({@link #GAP_PER_PASS}).
     */
    static final int WRITE_LIMIT = 512 * 1024;
    /** Passes this often while the file is about as full as it should be. */
    private static final long PASS_EVERY_MILLIS = 1_000;
    /**
     * While passes leave sparse chunks behind, the next one follows after this many times the last
     * one's length (at least {@link #MIN_GAP_MILLIS}): passes keep the writers waiting at most a
     * fifth of the time, and catch up with a faster writer.
     */
    private static final int GAP_PER_PASS = 4;
    /**
     * While the store is idle and the file still sparse, the next pass follows this soon: nothing
     * waits for a pass then but a command that arrives meanwhile, and with passes once a second
     * a 2 GB file did not shrink in the 90 s after a 10-minute load.
     */
    private static final long IDLE_GAP_MILLIS = 10;
    private static final long MIN_GAP_MILLIS = 100;
    /** No write for this long: the file is compacted further and its end given back (chunks moved, the file truncated). */
    private static final long IDLE_MILLIS = 2_000;
    /** At most this many bytes of chunks moved toward the file's start per idle pass. */
    private static final long MOVE_LIMIT = 16L * 1024 * 1024;
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
    /** When the last write began (nanoTime), for the idle passes. */
    private final AtomicLong lastWrite = new AtomicLong(System.nanoTime());
    private volatile boolean closed;

    private final StoreHealth health;

    H2FileCompaction(DataSource pool, StoreHealth health) {
        this.pool = pool;
        this.health = health;
        timer.schedule(this::passAndReschedule, PASS_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Runs a write to the store (a snapshot) with no pass under way. */
    <T> T whileWriting(Supplier<T> write) {
        beginWrite();
        try {
            return write.get();
        } finally {
            endWrite();
        }
    }

    /**
     * A write begins on this thread: waits while a pass runs or waits to run. Held only while the
     * write touches the store, never while a command computes (a round takes seconds): a pass
     * waiting for a long holder makes every new write wait behind it.
     */
    void beginWrite() {
        writes.readLock().lock();
        lastWrite.set(System.nanoTime());
    }

    /** The write that began on this thread is over (committed or rolled back). */
    void endWrite() {
        writes.readLock().unlock();
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
     * fill rate reaches the target, at most {@link #WRITE_LIMIT} bytes; when the store has been
     * idle, also moves chunks toward the file's start so that its end can be cut off. False when
     * writes kept it waiting too long (the next pass tries again).
     */
    boolean compact() throws Exception {
        return pass().ran();
    }

    /**
     * What a pass did: whether it ran at all, whether there is more to do at once (the file still
     * has sparse chunks after it, or, idle, it cut the file's end), and whether the store was idle.
     */
    record Pass(boolean ran, boolean behind, boolean idle) {
    }

    private Pass pass() throws Exception {
        // The connection first: a pass must not wait for one while it keeps the writers waiting.
        try (Connection connection = pool.getConnection()) {
            MVStore store = mvStore(connection);
            if (!writes.writeLock().tryLock(WAIT_FOR_WRITES_MILLIS, TimeUnit.MILLISECONDS)) {
                return new Pass(false, true, false);
            }
            try {
                if (store.isClosed()) {
                    return new Pass(true, false, false);
                }
                boolean rewrote = store.compact(TARGET_FILL_RATE, WRITE_LIMIT);
                if (rewrote) {
                    store.tryCommit();
                }
                boolean sparse = rewrote && store.getFileStore().getChunksFillRate() < TARGET_FILL_RATE;
                if (System.nanoTime() - lastWrite.get() > TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)
                        && store.getFileStore() instanceof RandomAccessStore file) {
                    // Moving chunks forces the file before it overwrites anything (H2 does), and cuts off the free end.
                    long size = file.size();
                    file.compactMoveChunks(TARGET_FILL_RATE, MOVE_LIMIT, store);
                    // behind while it gets anywhere: a file that stays sparse, its chunks still young, waits a second
                    return new Pass(true, sparse || file.size() < size, true);
                }
                return new Pass(true, sparse, false);
            } finally {
                writes.writeLock().unlock();
            }
        }
    }

    /** The H2 store under a connection of the pool. */
    static MVStore mvStore(Connection connection) throws java.sql.SQLException {
        return ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
    }

    private void passAndReschedule() {
        long delay = PASS_EVERY_MILLIS;
        if (closed) {
            return;
        }
        if (health.outage().isEmpty()) { // else H2 has closed the file after a failed write; a pass would only reopen it
            long start = System.nanoTime();
            try {
                Pass pass = pass();
                if (pass.behind()) {
                    delay = pass.idle() ? IDLE_GAP_MILLIS
                            : Math.max(MIN_GAP_MILLIS, GAP_PER_PASS * TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception | Error e) {
                // A full disk fails a pass as it fails a commit, and is reported as such; else the store
                // may be closing, and the next pass, or the compaction H2 runs on close, catches up.
                if (!health.observe(e)) {
                    LOG.log(Level.FINE, "H2 compaction pass skipped", e);
                }
            }
        }
        try {
            timer.schedule(this::passAndReschedule, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
