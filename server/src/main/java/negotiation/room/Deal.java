package negotiation.room;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import negotiation.events.Package;
import negotiation.events.Term;

/** A package on the table under a ref (offer, trade or proposal), with the terms that travel with it. */
record Deal(@JsonProperty("package") Package pkg, List<Term> terms, String author) {
}
