package negotiation.readmodel;

import java.util.List;
import negotiation.history.LoggedEvent;

/** Reads a room's committed events from the store. Blocking: call it from a worker thread. */
public interface RoomLog {
    /** A room and how many events it holds. */
    record RoomSize(String roomId, long events) {
    }

    /** The room's events with seq > after, in order; empty when there are none (or no such room). */
    List<LoggedEvent> read(String roomId, long after);

    /**
     * The rooms that the last {@code window} events appended to the store belong to, the most
     * recently appended first, at most {@code rooms} of them, each with its whole event count
     * (what warming a history after a restart reads: {@link RoomHistories#warm}). Empty where
     * the store cannot tell.
     */
    default List<RoomSize> recentlyAppended(int rooms, long window) {
        return List.of();
    }
}
