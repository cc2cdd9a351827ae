package negotiation.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** A party offered a complete package, with optional contingent terms; the author accepts it. */
public record OfferMade(String roomId, String ref, String party, @JsonProperty("package") Package pkg,
                        List<Term> terms, Instant at) implements RoomEvent {
    /** The event's stable name on the wire and in the hash chain; never derived from the class name. */
    public static final String KIND = "OfferMade";

    @Override
    public String kind() {
        return KIND;
    }
}
