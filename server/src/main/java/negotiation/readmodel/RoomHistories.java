package negotiation.readmodel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import negotiation.events.PrivateDataErased;
import negotiation.room.LoggedEvent;

/**
 * The histories of recently used rooms, kept in memory. A room is read from the store when
 * first used (or after this process dropped it); from then on the events committed by this
 * process are appended as each commit completes ({@link #committed}), so a request or a
 * socket delivery takes a snapshot without reading the store. Only where other processes
 * append to the same store (PostgreSQL shared by a cluster) are their events read, when a
 * caller does not know how far the room has come or knows it has come further than the
 * history. Blocking: call it from a worker thread.
 */
public final class RoomHistories {
    /** A seq for {@link #current(String, long)} when the caller does not know how far the room has come. */
    public static final long UNKNOWN = -1;
    private static final Logger LOG = Logger.getLogger(RoomHistories.class.getName());
    private static final int MAX_ROOMS = 10_000;
    private final RoomLog log;
    private final boolean othersAppend;
    private final Map<String, Held> rooms = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
            return size() > MAX_ROOMS;
        }
    };

    /** A room's history and whether it holds every event up to its last seq as the store has them. */
    private static final class Held {
        final RoomHistory history = new RoomHistory();
        /** False until the first read from the store, and again when an append could not be taken in order. */
        boolean complete;
    }

    /**
     * @param othersAppend whether other processes append to the store (a shared PostgreSQL);
     *                     with an H2 file this process is the only writer
     */
    public RoomHistories(RoomLog log, boolean othersAppend) {
        this.log = log;
        this.othersAppend = othersAppend;
    }

    /** How many room histories are held in memory. */
    public int size() {
        synchronized (rooms) {
            return rooms.size();
        }
    }

    /** The room's history with every committed event, or empty when the room does not exist. */
    public Optional<RoomHistory.Snapshot> current(String roomId) {
        return current(roomId, UNKNOWN);
    }

    /**
     * The room's history with at least the events up to {@code known} (a seq the caller learnt
     * was committed, say from a live notice of another node; {@link #UNKNOWN} when it has none,
     * which on a shared store means reading what other nodes appended). Empty when the room does
     * not exist.
     */
    public Optional<RoomHistory.Snapshot> current(String roomId, long known) {
        Held held;
        synchronized (rooms) {
            held = rooms.computeIfAbsent(roomId, id -> new Held());
        }
        RoomHistory.Snapshot snapshot;
        synchronized (held) {
            // Taken under the holder's lock, so never in the moment a commit's erasure or a refresh empties it.
            boolean behind = known == UNKNOWN ? othersAppend : held.history.lastSeq() < known;
            if (!held.complete || behind) {
                refresh(roomId, held);
            }
            snapshot = held.history.snapshot();
        }
        if (snapshot.lastSeq() == 0) {
            synchronized (rooms) {
                rooms.remove(roomId, held);
            }
            return Optional.empty();
        }
        return Optional.of(snapshot);
    }

    /** Reads what the store has after the history's last seq. */
    private void refresh(String roomId, Held held) {
        RoomHistory history = held.history;
        List<LoggedEvent> fresh = log.read(roomId, history.lastSeq());
        if (history.lastSeq() > 0 && fresh.stream().anyMatch(e -> e.event() instanceof PrivateDataErased)) {
            // An erasure on another node: what this history decrypted before must go.
            // Cleared in place, under the same lock, so no other reader appends to it meanwhile.
            history.clear();
            fresh = log.read(roomId, 0);
        }
        for (LoggedEvent logged : fresh) {
            history.append(logged);
        }
        held.complete = true;
    }

    /**
     * Events this process just committed to a room, in seq order, told after the commit: appended
     * to the room's history when they follow its last seq. A history that is not held is read
     * from the store when next used; one that would get a gap is read again from its last seq;
     * an erasure empties the history, so what it decrypted before is gone and the next use reads
     * the room again (the erased party's key is destroyed by then).
     */
    public void committed(String roomId, List<LoggedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Held held;
        synchronized (rooms) {
            held = rooms.get(roomId);
        }
        if (held == null) {
            return;
        }
        synchronized (held) {
            RoomHistory history = held.history;
            if (events.stream().anyMatch(e -> e.event() instanceof PrivateDataErased)) {
                history.clear();
                held.complete = false;
                return;
            }
            try {
                for (LoggedEvent logged : events) {
                    if (logged.seq() == history.lastSeq() + 1) {
                        history.append(logged);
                    } else if (logged.seq() > history.lastSeq()) {
                        held.complete = false; // a gap: someone else's events came between; read them when next used
                        return;
                    }
                }
            } catch (RuntimeException e) {
                // Told after the commit, whose caller cannot undo it: start the room afresh from the
                // store on its next use, which reports a damaged history there, to the reader.
                LOG.log(Level.WARNING, "room {0}: committed events not taken into its history ({1}); "
                        + "read again on next use", new Object[] {roomId, e.getClass().getName()});
                history.clear();
                held.complete = false;
            }
        }
    }
}
