package negotiation.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A conditional trade: "I move to give if you move to get", applied on the package of ref
 * {@code on}; {@code pkg} is the resulting package, which the author accepts.
 */
public record TradeProposed(String roomId, String ref, String party, String on, Package give,
                            Package get, @JsonProperty("package") Package pkg,
                            List<Term> terms, Instant at) implements RoomEvent {
    /** The event's stable name on the wire and in the hash chain; never derived from the class name. */
    public static final String KIND = "TradeProposed";

    @Override
    public String kind() {
        return KIND;
    }
}
