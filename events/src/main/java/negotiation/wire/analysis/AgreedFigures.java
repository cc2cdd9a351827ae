package negotiation.wire.analysis;

import negotiation.events.Package;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The agreement: where, when, how long after the start, and each visible party's utility of it. */
public record AgreedFigures(long seq, String at, String ref, @JsonProperty("package") Package pkg,
                            long millisFromStart, Map<String, Integer> utilities) {
}
