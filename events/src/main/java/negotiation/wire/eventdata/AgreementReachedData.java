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
 * Every party accepted {@code ref}. {@code improvable} is always shown, null when the engine
 * could not judge. A party sees its {@code utility} and {@code outcome} (empty when it had no
 * interests in force), a mediator {@code utilities} and {@code outcomes} per unsealed party.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgreementReachedData(String ref, @JsonProperty("package") Package pkg, List<Term> terms,
                                   @JsonInclude(JsonInclude.Include.ALWAYS) Boolean improvable,
                                   @Private(Readers.VIEWER) Optional<Integer> utility,
                                   @Private(Readers.VIEWER) Optional<String> outcome,
                                   @Private(Readers.VIEWER) Map<String, Integer> utilities,
                                   @Private(Readers.VIEWER) Map<String, String> outcomes,
                                   @Private(Readers.VIEWER) Object yardsticks) implements EventData {
}
