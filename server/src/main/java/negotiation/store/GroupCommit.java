package negotiation.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Writes the commits of many transactions to the H2 file with one write (group commit). H2 keeps
 * a commit in memory until its store writes a new chunk; writing one chunk per commit made the
 * file grow by several KB per short event, which H2 reuses only after its retention time
 * (docs/performance.md, "The store file under load"). Here a commit on a connection of
 * {@link #pool} returns once a write that began after it has completed: the commit is in the file
 * (the operating system's cache, which survives a crash of this process) before the command is
 * acknowledged, and with {@code --fsync} forced to the disk too. The first caller that finds no
 * write running runs one for every caller that came before it; callers that come during that
 * write wait for the next, which one of them runs. Blocking: call it from a worker thread.
 */
final class GroupCommit {
    /** One write of everything committed so far, e.g. H2's {@code MVStore.commit()} and, with --fsync, its {@code sync()}. */
    interface Write {
        void run() throws Exception;
    }

    private final Write write;
    /** Tickets handed out so far; a ticket is taken after its commit returned. */
    private long requested;
    /** Every ticket up to this one is covered by a completed write. */
    private long written;
    private boolean writing;
    private long writes;

    GroupCommit(Write write) {
        this.write = write;
    }

    /** The pool, whose connections' {@code commit} returns once the commit is written ({@link #awaitWritten}). */
    DataSource pool(DataSource pool) {
        return wrap(DataSource.class, pool, "getConnection", connection -> wrap(Connection.class, (Connection) connection,
                "commit", committed -> {
                    awaitWritten();
                    return committed;
                }));
    }

    private interface After {
        Object apply(Object result) throws SQLException;
    }

    /** {@code target} as {@code type}, with {@code after} applied to what its method {@code name} (without parameters) returns. */
    private static <T> T wrap(Class<T> type, T target, String name, After after) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return method.getName().equals(name) && method.getParameterCount() == 0 ? after.apply(result) : result;
        }));
    }

    /** Returns once a write that began after this call has completed: what was committed before is in the file. */
    void awaitWritten() throws SQLException {
        long ticket;
        synchronized (this) {
            ticket = ++requested;
        }
        while (true) {
            long upTo;
            synchronized (this) {
                while (writing && written < ticket) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SQLException("interrupted while waiting for the commit to be written", e);
                    }
                }
                if (written >= ticket) {
                    return;
                }
                writing = true;
                upTo = requested; // the write that starts now covers every ticket handed out so far
            }
            boolean done = false;
            try {
                write.run();
                done = true;
            } catch (SQLException e) {
                throw e;
            } catch (Exception e) {
                throw new SQLException("cannot write the commit to the database file", e);
            } finally {
                synchronized (this) {
                    writing = false;
                    if (done) {
                        written = Math.max(written, upTo);
                        writes++;
                    }
                    notifyAll();
                }
            }
        }
    }

    /** How many writes have completed. */
    synchronized long writes() {
        return writes;
    }
}
