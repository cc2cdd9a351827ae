package negotiation.readmodel;

import java.util.List;
import negotiation.room.LoggedEvent;

/** Reads a room's committed events from the store. Blocking: call it from a worker thread. */
public interface RoomLog {
    /** The room's events with seq > after, in order; empty when there are none (or no such room). */
    List<LoggedEvent> read(String roomId, long after);
}
