package negotiation.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A free-text note from a party or a mediator (party is then "mediator"). A caucus note's text
 * and salt are private: sealed at rest under its author's key, so the author's erasure shreds them.
 *
 * @param to         for a caucus note, its addressee (a party name, or "mediator"); null for a note to the room
 * @param commitment for a caucus note, hex SHA-256 of {@code salt} and the text, so the room's hash chain
 *                   covers the text without revealing it to those who may not read it; null otherwise
 * @param salt       the commitment's secret opening, as private as the caucus text; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NoteAdded(String roomId, String party,
                        @Private(value = Private.Readers.CORRESPONDENTS, when = "to") String text, Instant at,
                        String to, String commitment,
                        @Private(value = Private.Readers.CORRESPONDENTS, when = "to") String salt) implements RoomEvent {
    /** The event's stable name on the wire and in the hash chain; never derived from the class name. */
    public static final String KIND = "NoteAdded";

    @Override
    public String kind() {
        return KIND;
    }

    /** A note to the whole room, as every note was before caucus notes existed. */
    public NoteAdded(String roomId, String party, String text, Instant at) {
        this(roomId, party, text, at, null, null, null);
    }
}
