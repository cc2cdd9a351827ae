package negotiation.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One package the engine proposed in a round, with its ref and the rule that found it. */
public record ProposedPackage(String ref, @JsonProperty("package") Package pkg, String rule) {
}
