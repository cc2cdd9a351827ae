package negotiation.wire.eventdata;

import negotiation.events.Package;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import negotiation.events.Private;
import negotiation.events.Private.Readers;
import negotiation.events.Term;

/**
 * One package of a round, with the viewer's utility of it.
 *
 * @param utility   a party's own utility; present but empty when it had no interests in force then
 * @param utilities a mediator's: per party that unsealed, by name
 * @param terms     an improvement's: the improved agreement's terms, which it keeps; absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProposedPackageData(String ref, @JsonProperty("package") Package pkg,
                                  @Private(Readers.VIEWER) Optional<Integer> utility,
                                  @Private(Readers.VIEWER) Map<String, Integer> utilities,
                                  String rule, List<Term> terms) {
}
