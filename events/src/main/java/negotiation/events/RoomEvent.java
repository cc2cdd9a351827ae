package negotiation.events;

import java.time.Instant;

/** What every event of a room's log carries: the room it belongs to and when it happened. */
public interface RoomEvent {
    String roomId();

    Instant at();
}
