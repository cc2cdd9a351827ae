package negotiation.readmodel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import negotiation.events.PrivateDataErased;
import negotiation.room.LoggedEvent;

/**
 * The histories of recently used rooms, kept in memory and brought up to date from the
 * store on demand. Blocking: call it from a worker thread.
 */
public final class RoomHistories {
    private static final int MAX_ROOMS = 10_000;
    private final RoomLog log;
    private final Map<String, RoomHistory> rooms = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RoomHistory> eldest) {
            return size() > MAX_ROOMS;
        }
    };

    public RoomHistories(RoomLog log) {
        this.log = log;
    }

    /** How many room histories are held in memory. */
    public int size() {
        synchronized (rooms) {
            return rooms.size();
        }
    }

    /** The room's history with every committed event, or empty when the room does not exist. */
    public Optional<RoomHistory.Snapshot> current(String roomId) {
        RoomHistory history;
        synchronized (rooms) {
            history = rooms.computeIfAbsent(roomId, id -> new RoomHistory());
        }
        synchronized (history) {
            List<LoggedEvent> fresh = log.read(roomId, history.lastSeq());
            if (history.lastSeq() > 0 && fresh.stream().anyMatch(e -> e.event() instanceof PrivateDataErased)) {
                // An erasure, here or on another node: what this history decrypted before must go.
                // Cleared in place, under the same lock, so no other reader appends to it meanwhile.
                history.clear();
                fresh = log.read(roomId, 0);
            }
            for (LoggedEvent logged : fresh) {
                history.append(logged);
            }
        }
        if (history.lastSeq() == 0) {
            synchronized (rooms) {
                rooms.remove(roomId, history);
            }
            return Optional.empty();
        }
        return Optional.of(history.snapshot());
    }
}
