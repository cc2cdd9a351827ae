package negotiation.store;

import java.sql.Connection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 */
final class H2FileCompaction implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(H2FileCompaction.class.getName());
    /** Chunks less full than this are rewritten (H2's own default for its background compaction). */
    static final int TARGET_FILL_RATE = 90;
    /** At most this many bytes rewritten per pass, so one pass never holds the store for long. */
    static final int WRITE_LIMIT = 16 * 1024 * 1024;

    private final DataSource pool;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "h2-compaction");
        thread.setDaemon(true);
        return thread;
    });

    H2FileCompaction(DataSource pool, long everyMillis) {
        this.pool = pool;
        timer.scheduleWithFixedDelay(this::compactQuietly, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    /** One housekeeping pass: rewrites sparse chunks until the file's fill rate reaches the target. */
    void compact() throws Exception {
        try (Connection connection = pool.getConnection()) {
            MVStore store = mvStore(connection);
            if (!store.isClosed() && store.compact(TARGET_FILL_RATE, WRITE_LIMIT)) {
                store.tryCommit();
            }
        }
    }

    /** The H2 store under a connection of the pool. */
    static MVStore mvStore(Connection connection) throws java.sql.SQLException {
        return ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
    }

    private void compactQuietly() {
        try {
            compact();
        } catch (Exception | Error e) {
            // The store may be closing; the next pass, or the compaction H2 runs on close, catches up.
            LOG.log(Level.FINE, "H2 compaction pass skipped", e);
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
