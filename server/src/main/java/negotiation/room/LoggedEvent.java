package negotiation.room;

import negotiation.events.RoomEvent;

/** An event as the store returns it: its place in the room's gapless log and its payload. */
public record LoggedEvent(long seq, RoomEvent event) {
}
