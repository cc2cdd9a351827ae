package negotiation.wire.analysis;

import negotiation.events.Package;
import negotiation.events.Term;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An agreement: where, when, how long after the start, its contingent terms, and each visible
 * party's utility of it (valued at its event). {@code replaces} names the agreement it replaced
 * (an accepted improvement), {@code replacedBy} the one that replaced it; absent when none.
 */
public record AgreedFigures(long seq, String at, String ref, @JsonProperty("package") Package pkg,
                            List<Term> terms, long millisFromStart, Map<String, Integer> utilities,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String replaces,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String replacedBy) {
    public AgreedFigures replacedBy(String by) {
        return new AgreedFigures(seq, at, ref, pkg, terms, millisFromStart, utilities, replaces, by);
    }
}
