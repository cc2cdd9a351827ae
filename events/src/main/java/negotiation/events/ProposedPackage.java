package negotiation.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One package the engine proposed in a round, with its ref and the rule that found it.
 *
 * @param terms for a post-settlement improvement, the improved agreement's contingent terms, which
 *              the improvement keeps; null for a round's packages
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProposedPackage(String ref, @JsonProperty("package") Package pkg, String rule, List<Term> terms) {
    /** A round's package, which carries no terms. */
    public ProposedPackage(String ref, Package pkg, String rule) {
        this(ref, pkg, rule, null);
    }
}
