package negotiation.readmodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import negotiation.events.PrivateDataErased;
import negotiation.history.LoggedEvent;

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

    /**
     * How much {@link #warm} loads after a restart: at most {@code rooms} of the most recently
     * appended rooms, and at most {@code events} events in all (a room that would pass that is
     * skipped); 0 rooms turns warming off.
     */
    public record Warming(int rooms, long events) {
        /**
         * 100 rooms, 100,000 events: about 70 MB of heap for short notes (a history held about 700
         * bytes per event of the benchmark's room) and a few seconds of one worker.
         */
        public static final Warming DEFAULTS = new Warming(100, 100_000);
        public static final Warming OFF = new Warming(0, 0);

        public Warming {
            if (rooms < 0 || events < 0) {
                throw new IllegalArgumentException("warming bounds must not be negative");
            }
        }
    }

    /** What {@link #warm} loaded: the rooms, most recent first, their events in all, and how long it took. */
    public record Warmed(List<String> rooms, long events, long millis) {
    }

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

    /**
     * Loads the histories of the most recently appended rooms, within {@code bound}, so that the
     * first read after a restart finds its room in memory. Each room is loaded as a read loads it
     * ({@link #current(String)}), under its holder's lock: a read of a room that is loading waits
     * for that load and does not start another, and what the store has erased stays erased (a
     * warmed history is fed and emptied by commits like any other). A room that cannot be read
     * (a damaged history, logged where it is found) is skipped; its readers get the refusal.
     * Blocking, one room after another: run it on one worker thread.
     *
     * @param stop asked before each room; true ends the warming early (the server is closing)
     */
    public Warmed warm(Warming bound, BooleanSupplier stop) {
        long start = System.nanoTime();
        List<String> warmed = new ArrayList<>();
        long events = 0;
        if (bound.rooms() > 0 && bound.events() > 0) {
            for (RoomLog.RoomSize room : log.recentlyAppended(Math.min(bound.rooms(), MAX_ROOMS), bound.events())) {
                if (stop.getAsBoolean()) {
                    break;
                }
                if (events + room.events() > bound.events()) {
                    continue; // too long for what is left of the bound; a shorter one may fit
                }
                try {
                    if (current(room.roomId()).isPresent()) {
                        warmed.add(room.roomId());
                        events += room.events();
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "room {0}: not warmed ({1})", new Object[] {room.roomId(), e.getClass().getName()});
                }
            }
        }
        return new Warmed(List.copyOf(warmed), events, (System.nanoTime() - start) / 1_000_000);
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
