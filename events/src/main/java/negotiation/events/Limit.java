package negotiation.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A hard limit on one issue: min / max for ranges, excluded options otherwise. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Limit(Integer min, Integer max, List<String> exclude) {
}
