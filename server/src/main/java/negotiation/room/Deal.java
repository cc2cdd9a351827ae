package negotiation.room;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import negotiation.events.Term;

/** A package on the table under a ref (offer, trade or proposal), with the terms that travel with it. */
record Deal(@JsonProperty("package") Map<String, Object> pkg, List<Term> terms, String author) {
}
