package negotiation.wire.eventdata;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import negotiation.events.Package;
import negotiation.events.Private;
import negotiation.events.Private.Readers;
import negotiation.events.Term;

/**
 * A safe offer as its reader sees it, with the utility of the party whose safe offer it is (a
 * party's own; for a mediator, that unsealed party's).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SafeOfferData(@JsonProperty("package") Package pkg, List<Term> terms,
                            @Private(Readers.VIEWER) Integer utility) {
}
