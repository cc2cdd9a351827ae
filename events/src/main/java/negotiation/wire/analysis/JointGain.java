package negotiation.wire.analysis;

import negotiation.events.Package;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The agreement in force beside two baselines, for the parties this viewer sees: each party's first
 * offer, and the middle package (every issue at its middle option, as the agreement document's
 * "middle" yardstick). Every package is valued as the utility paths value it: the agreement and the
 * middle at the agreement's event ({@code agendaVersion}, {@code interests}: per party, the version of
 * its interests), a first offer at its own event. Joint figures (sums) only when every party is seen
 * ({@code complete}).
 */
public record JointGain(List<String> parties, boolean complete, int agendaVersion, Map<String, Integer> interests,
                        Baseline agreement, List<Baseline> firstOffers, Baseline split) {
    /**
     * A package and its utilities; {@code party} names whose first offer it was, {@code ref} its ref
     * (neither for the middle package); {@code gain} is the agreement's joint gain over it.
     */
    public record Baseline(@JsonInclude(JsonInclude.Include.NON_NULL) String party,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String ref,
                           @JsonProperty("package") Package pkg, Map<String, Integer> utilities,
                           Integer joint, Integer gain) {
    }
}
