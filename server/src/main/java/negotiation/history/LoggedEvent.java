package negotiation.history;

import negotiation.events.RoomEvent;

/**
 * An event as the store returns it: its place in the room's gapless log, its payload, and its
 * link in the hash chain as it was written ({@link HistoryLink}; both null for an event stored
 * before links were stored).
 */
public record LoggedEvent(long seq, RoomEvent event, String publicForm, String hash) {
    /** An event stored without its link. */
    public LoggedEvent(long seq, RoomEvent event) {
        this(seq, event, null, null);
    }
}
