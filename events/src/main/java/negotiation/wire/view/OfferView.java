package negotiation.wire.view;

import negotiation.events.Package;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import negotiation.events.Term;

/**
 * An offer ({@code kind} "offer") or a conditional trade ("trade", with {@code on}, {@code give}
 * and {@code get}) as its event showed it to the viewer, with its seq; {@code withdrawn} once its author withdrew it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OfferView(String ref, String party, String on, Package give, Package get,
                        @JsonProperty("package") Package pkg, List<Term> terms,
                        Optional<Integer> utility, Map<String, Integer> utilities, String kind, long seq,
                        Boolean withdrawn) {
    public OfferView asWithdrawn() {
        return new OfferView(ref, party, on, give, get, pkg, terms, utility, utilities, kind, seq, true);
    }

    /** How the package was found, when it is agreed: who offered it (and on what, for a trade). */
    public String rule() {
        return "offer".equals(kind) ? "offer by " + party : "conditional trade by " + party + " on " + on;
    }
}
