package negotiation.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** One package the engine proposed in a round, with its ref and the rule that found it. */
public record ProposedPackage(String ref, @JsonProperty("package") Map<String, Object> pkg, String rule) {
}
