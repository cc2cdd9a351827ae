package negotiation.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A party's private interests: how much each issue matters, how it values each option,
 * the floor below which it walks away, hard limits, and an optional aspiration.
 *
 * @param values per issue either a map option -> 0..100, or "low" / "high" for range issues
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Interests(Map<String, Integer> weights, Map<String, Object> values, Integer floor,
                        Map<String, Limit> limits, Integer aspiration) {
}
