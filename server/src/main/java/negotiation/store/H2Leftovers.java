package negotiation.store;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;

/**
 * Repairs, when the store opens, what H2 2.5.252 can leave of the transactions in flight at a
 * {@code kill -9}, which blocked a room's next append until H2's lock timeout (the command
 * failed as {@code internal}) and hid rows of a commit that had begun (CrashSafetyIT, about one
 * run in seven; docs/performance.md, "H2 after kill -9").
 *
 * <ul>
 *   <li><b>A commit under way.</b> H2 finds such a transaction's undo log marked committed and
 *       registers it, but its recovery ({@code TransactionStore.endLeftoverTransactions}) calls
 *       {@code Transaction.commit()}, which does nothing for a transaction already in status
 *       COMMITTED: it stays open for ever, the entries it had not yet marked committed are
 *       invisible to readers, and every writer that meets one waits for it until the lock
 *       timeout, at every start. {@link #finishInterruptedCommits} completes it the way H2's own
 *       commit would (the same package-private steps, reached by reflection).</li>
 *   <li><b>An entry without its undo log</b> ("leftover" in H2's words, a chunk written between
 *       the two). H2 rolls it back when a writer meets it and no live transaction has the id
 *       it is marked with; but ids are small and reused at once, so under traffic a live
 *       transaction nearly always holds it. So after an unclean stop, before anything else
 *       uses the store, {@link #clear} writes each room's next sequence numbers once and rolls
 *       them back, from one session with no other transaction live. An entry marked with the
 *       probing session's own id reads as its own and is refused as a duplicate; those keys
 *       are probed again from a session with another id. A file in the data directory marks
 *       the store open until it is closed.</li>
 *   <li><b>The event numbering behind the rows</b>: see {@link #identityPastTheRows}.</li>
 * </ul>
 */
final class H2Leftovers {
    private static final Logger LOG = Logger.getLogger(H2Leftovers.class.getName());
    /** How many of a room's next sequence numbers are probed: all one command appends, with room to spare (an accept that closes the deal appends two). */
    static final int NEXT_KEYS = 8;
    private static final String OPEN_MARK = "store.open";
    private static final String PROBE = "INSERT INTO DomainEventEntry"
            + " (aggregateIdentifier, sequenceNumber, eventIdentifier, payload, payloadType, timeStamp)"
            + " VALUES (?, ?, ?, X'00', 'leftover-probe', 'leftover-probe')";
    /** A room id no room has (ids are letters and digits), for the probing sessions' own first writes. */
    private static final String NO_ROOM = "~leftover-probe~";

    private H2Leftovers() {
    }

    /** Marks the store in {@code dataDirectory} open; true when the last run did not close it. */
    static boolean markOpen(Path dataDirectory) {
        Path mark = dataDirectory.resolve(OPEN_MARK);
        try {
            Files.createDirectories(dataDirectory);
            boolean unclean = Files.exists(mark);
            Files.writeString(mark, "the room store is open; if this file is here at a start, the last run did not stop cleanly\n");
            return unclean;
        } catch (IOException e) {
            throw new IllegalStateException("cannot mark the store open in " + dataDirectory, e);
        }
    }

    /** The store in {@code dataDirectory} was closed. */
    static void markClosed(Path dataDirectory) {
        try {
            Files.deleteIfExists(dataDirectory.resolve(OPEN_MARK));
        } catch (IOException e) {
            LOG.warning("cannot remove the open mark in " + dataDirectory + ": " + e);
        }
    }

    /**
     * Completes the commits a crash interrupted (see the class comment); returns how many. If
     * a later H2 no longer has the steps this calls, nothing is done and a warning says so.
     */
    static int finishInterruptedCommits(DataSource h2) {
        try (Connection connection = h2.getConnection()) {
            return finishInterruptedCommits(((SessionLocal) connection.unwrap(JdbcConnection.class).getSession())
                    .getDatabase().getStore().getTransactionStore());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the H2 database", e);
        }
    }

    private static int finishInterruptedCommits(TransactionStore transactions) {
        List<Transaction> interrupted = new ArrayList<>();
        for (Transaction transaction : transactions.getOpenTransactions()) {
            if (transaction.getStatus() == Transaction.STATUS_COMMITTED) {
                interrupted.add(transaction);
            }
        }
        if (interrupted.isEmpty()) {
            return 0;
        }
        try {
            Method commit = TransactionStore.class.getDeclaredMethod("commit", Transaction.class, boolean.class);
            Method end = TransactionStore.class.getDeclaredMethod("endTransaction", Transaction.class, boolean.class);
            commit.setAccessible(true);
            end.setAccessible(true);
            for (Transaction transaction : interrupted) {
                commit.invoke(transactions, transaction, true); // true: a commit recovered after a crash
                end.invoke(transactions, transaction, true);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warning("cannot complete the " + interrupted.size() + " commits a crash interrupted (this H2 differs"
                    + " from 2.5.252): rooms they touched may refuse appends; " + e);
            return 0;
        }
        LOG.warning("completed " + interrupted.size() + " commits that the last run's crash interrupted");
        return interrupted.size();
    }

    /**
     * Moves the event table's identity (Axon's global index) past its highest row if it is not.
     * H2 2.5 can reopen after a {@code kill -9} with the identity behind rows it had already
     * handed out (a bare H2 table under 16 writers did once; docs/performance.md, "H2 after
     * kill -9"). Every append would then collide with a stored row, and a command fail as a
     * conflict after its retries. Checked at every open: two reads of an index.
     */
    static void identityPastTheRows(DataSource h2) {
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            long next = single(statement, "SELECT IDENTITY_BASE FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_NAME = 'DOMAINEVENTENTRY' AND COLUMN_NAME = 'GLOBALINDEX'");
            long highest = single(statement, "SELECT COALESCE(MAX(globalIndex), 0) FROM DomainEventEntry");
            if (next <= highest) {
                statement.execute("ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex RESTART WITH " + (highest + 1));
                LOG.warning("the event table's numbering was behind its rows (next " + next + ", highest " + highest
                        + "), as H2 can leave it after a crash; it now continues at " + (highest + 1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the event table's numbering", e);
        }
    }

    private static long single(Statement statement, String query) throws SQLException {
        try (ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Probes every room's next keys; returns how many rooms were probed. */
    static int clear(DataSource h2) {
        return clear(h2, "after an unclean stop");
    }

    /** As {@link #clear(DataSource)}; {@code after} says when, for the log ("after an unclean stop"). */
    static int clear(DataSource h2, String after) {
        try {
            return probeNextKeys(h2, after);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the store after an unclean stop", e);
        }
    }

    private static int probeNextKeys(DataSource h2, String after) throws SQLException {
        Map<String, Long> nextSeq = new LinkedHashMap<>();
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement();
             ResultSet rooms = statement.executeQuery("SELECT aggregateIdentifier, MAX(sequenceNumber)"
                     + " FROM DomainEventEntry GROUP BY aggregateIdentifier")) {
            while (rooms.next()) {
                nextSeq.put(rooms.getString(1), rooms.getLong(2) + 1);
            }
        }
        List<Key> ownId = new ArrayList<>();
        try (Connection probe = h2.getConnection()) {
            probe.setAutoCommit(false);
            try (PreparedStatement insert = probe.prepareStatement(PROBE)) {
                for (Map.Entry<String, Long> room : nextSeq.entrySet()) {
                    for (long seq = room.getValue(); seq < room.getValue() + NEXT_KEYS; seq++) {
                        if (!probed(insert, new Key(room.getKey(), seq))) {
                            ownId.add(new Key(room.getKey(), seq));
                        }
                    }
                    probe.rollback();
                }
            } finally {
                probe.rollback();
            }
        }
        if (!ownId.isEmpty()) {
            probeUnderAnotherId(h2, ownId);
        }
        LOG.info(after + ", the next appends of " + nextSeq.size() + " rooms were checked for what"
                + " was left uncommitted (" + ownId.size() + " keys needed a second session)");
        return nextSeq.size();
    }

    /**
     * Probes again from a session whose transaction id differs from the first one's: a holder
     * takes the lowest free id (the first session's, now free), the prober the next, and the
     * holder lets its id go before the prober writes.
     */
    private static void probeUnderAnotherId(DataSource h2, List<Key> keys) throws SQLException {
        try (Connection holder = h2.getConnection(); Connection prober = h2.getConnection()) {
            holder.setAutoCommit(false);
            prober.setAutoCommit(false);
            try (PreparedStatement hold = holder.prepareStatement(PROBE);
                 PreparedStatement insert = prober.prepareStatement(PROBE)) {
                probed(hold, new Key(NO_ROOM, 0));
                probed(insert, new Key(NO_ROOM, 1));
                holder.rollback();
                for (Key key : keys) {
                    if (!probed(insert, key)) {
                        LOG.warning("room " + key.room() + ": seq " + (key.seq() + 1)
                                + " still refuses a write after an unclean stop");
                    }
                }
            } finally {
                holder.rollback();
                prober.rollback();
            }
        }
    }

    /** A room's stored sequence number (Axon's: the room's seq minus one). */
    private record Key(String room, long seq) {
    }

    /** Writes a probe row; false when the key is taken (a duplicate). */
    private static boolean probed(PreparedStatement insert, Key key) throws SQLException {
        insert.setString(1, key.room());
        insert.setLong(2, key.seq());
        insert.setString(3, UUID.randomUUID().toString());
        try {
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (StoreFailures.isDuplicateKey(e)) {
                return false;
            }
            // Never stops the start: the room's next append meets the same entry and reports it.
            LOG.warning("room " + key.room() + ": seq " + (key.seq() + 1) + " could not be checked after an unclean stop: "
                    + e.getMessage().lines().findFirst().orElse(""));
            return true;
        }
    }
}
