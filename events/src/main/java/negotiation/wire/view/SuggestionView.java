package negotiation.wire.view;

import negotiation.events.Package;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import negotiation.events.Term;

/** A mediator's suggestion as its event showed it to the viewer; {@code kind} is always "suggestion". */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SuggestionView(String ref, @JsonProperty("package") Package pkg, List<Term> terms,
                             String text, Optional<Integer> utility, Map<String, Integer> utilities, String kind,
                             long seq) {
}
