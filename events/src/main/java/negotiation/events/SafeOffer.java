package negotiation.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One of a party's safe offers (docs/privacy.md): a package that clears the party's own floor
 * exactly and every other party's band top. An improvement's safe offers carry the agreement's terms.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SafeOffer(@JsonProperty("package") Package pkg, List<Term> terms) {
}
