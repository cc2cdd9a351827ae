package negotiation.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** What the store does to its H2 file itself: settings at open, forcing it to the disk, reopening it after a failed write. */
final class H2Files {
    /** LOBs up to this size stay in their rows, so an event is one row read. */
    private static final int INLINE_LOB_BYTES = 4_096;

    private H2Files() {
    }

    /** H2's persistent settings, set once at open: LOBs kept in their rows (see {@link AxonRoomStore#open}). */
    static void configure(DataSource h2) {
        try (Connection connection = h2.getConnection(); var statement = connection.createStatement()) {
            statement.execute("SET MAX_LENGTH_INPLACE_LOB " + INLINE_LOB_BYTES);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot configure the H2 database", e);
        }
    }

    static void force(DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            H2FileCompaction.mvStore(connection).sync();
        }
    }

    /**
     * What makes H2 write again after a storage failure, once the data directory takes a write:
     * H2 closed the database when its write failed, and the next connection reopens it with the
     * same recovery as after a crash, so the same repairs run as at a start after one
     * ({@link H2Leftovers}), with no write in flight; then a checkpoint proves a write works.
     */
    static StoreHealth.Recovery reopen(DataSource pool, H2FileCompaction compaction) {
        return () -> compaction.exclusively(() -> {
            H2Leftovers.finishInterruptedCommits(pool);
            H2Leftovers.identityPastTheRows(pool);
            H2Leftovers.clear(pool, "after a failed write");
            try (Connection connection = pool.getConnection(); var statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            }
            return null;
        });
    }

    static void selectOne(DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); var statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        }
    }

}
