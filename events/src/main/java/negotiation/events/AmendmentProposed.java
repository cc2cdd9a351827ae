package negotiation.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A party or a mediator proposed to widen the agenda; the changes apply together once every
 * party accepted. {@code agendaVersion} is the version it amends.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AmendmentProposed(String roomId, String ref, String party, List<AgendaChange> changes, String reason,
                                int agendaVersion, Instant at) implements RoomEvent {
    /** The event's stable name on the wire and in the hash chain; never derived from the class name. */
    public static final String KIND = "AmendmentProposed";

    @Override
    public String kind() {
        return KIND;
    }
}
