package negotiation.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A party rejected the package of a ref, optionally saying why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rejected(String roomId, String ref, String party, String reason, Instant at) implements RoomEvent {
    /** The event's stable name on the wire and in the hash chain; never derived from the class name. */
    public static final String KIND = "Rejected";

    @Override
    public String kind() {
        return KIND;
    }
}
