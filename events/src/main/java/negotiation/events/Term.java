package negotiation.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A contingent term that travels with an offer into the agreement: "if this happens, then that". */
public record Term(@JsonProperty("if") String condition, @JsonProperty("then") String then) {
}
