package negotiation.events;

import java.time.Instant;

/** Every party accepted amendment {@code ref}: the whole new agenda, and its version (1 at creation). */
public record AgendaAmended(String roomId, String ref, Agenda agenda, int version, Instant at) implements RoomEvent {
    /** The event's stable name on the wire and in the hash chain; never derived from the class name. */
    public static final String KIND = "AgendaAmended";

    @Override
    public String kind() {
        return KIND;
    }
}
