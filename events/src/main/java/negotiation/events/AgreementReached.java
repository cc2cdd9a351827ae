package negotiation.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * Every party accepted the same ref. {@code improvable} tells whether an acceptable package
 * exists that every party strictly prefers (judged on the last round's interests); null when
 * no round was computed yet, so the engine could not judge.
 */
public record AgreementReached(String roomId, String ref, @JsonProperty("package") Package pkg,
                               List<Term> terms, Boolean improvable, Instant at) implements RoomEvent {
    /** The event's stable name on the wire and in the hash chain; never derived from the class name. */
    public static final String KIND = "AgreementReached";

    @Override
    public String kind() {
        return KIND;
    }
}
