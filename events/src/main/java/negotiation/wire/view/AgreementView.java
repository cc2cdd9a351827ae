package negotiation.wire.view;

import negotiation.events.Package;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import negotiation.events.Term;

/**
 * The agreement as its event showed it to the viewer (see {@code AgreementReachedData}), with
 * where it is in the log, how its package was found ({@code rule}) and the agenda version it was agreed on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgreementView(String ref, @JsonProperty("package") Package pkg, List<Term> terms,
                            @JsonInclude(JsonInclude.Include.ALWAYS) Boolean improvable,
                            Optional<Integer> utility, Optional<String> outcome, Map<String, Integer> utilities,
                            Map<String, String> outcomes, Object yardsticks, long seq, String at, String rule,
                            int agendaVersion) {
}
