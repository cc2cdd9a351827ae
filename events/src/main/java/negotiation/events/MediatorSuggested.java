package negotiation.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** A mediator's proposal (a "single negotiating text"): a package every party must accept, the mediator not counting. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MediatorSuggested(String roomId, String ref, @JsonProperty("package") Package pkg,
                                List<Term> terms, String text, Instant at) implements RoomEvent {
    /** The event's stable name on the wire and in the hash chain; never derived from the class name. */
    public static final String KIND = "MediatorSuggested";

    @Override
    public String kind() {
        return KIND;
    }
}
