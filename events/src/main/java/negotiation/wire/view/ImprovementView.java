package negotiation.wire.view;

import negotiation.events.Package;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import negotiation.events.Term;

/**
 * A post-settlement improvement on the agreed ref {@code improves}, as its round showed it, with the
 * agreement's terms it keeps (absent for improvements proposed before they carried terms).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImprovementView(String ref, @JsonProperty("package") Package pkg,
                              Optional<Integer> utility, Map<String, Integer> utilities, String rule,
                              String improves, long seq, List<Term> terms) {
}
