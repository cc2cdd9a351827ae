package negotiation.wire.analysis;

import negotiation.events.Package;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An offer or trade against its author's previous position ({@code previous}, null for a first one).
 *
 * @param on       a trade's base ref; absent for an offer
 * @param declared a trade's declared give and get; absent for an offer
 * @param give     the issues where the author conceded; null without a previous position or its interests
 * @param get      the issues where the author asked for more; null likewise
 * @param deltas   per visible party, the change in utility from the previous position; null for a first one
 */
public record Move(long seq, String at, String ref, String kind, String party,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String on,
                   @JsonInclude(JsonInclude.Include.NON_NULL) Declared declared,
                   @JsonProperty("package") Package pkg, String previous, List<Change> changes,
                   List<String> give, List<String> get, Map<String, Integer> utilities, Map<String, Integer> deltas) {
    /** What a trade says it gives and gets. */
    public record Declared(Package give, Package get) {
    }

    /** One issue changed since the previous position, and what the change is worth to the author (null unseen). */
    public record Change(String issue, Object from, Object to, Integer worth) {
    }
}
