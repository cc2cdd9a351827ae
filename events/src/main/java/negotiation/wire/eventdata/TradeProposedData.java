package negotiation.wire.eventdata;

import negotiation.events.Package;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import negotiation.events.Private;
import negotiation.events.Private.Readers;
import negotiation.events.Term;

/** A conditional trade on the package of ref {@code on}, with the viewer's utility of the result. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TradeProposedData(String ref, String party, String on, Package give,
                                Package get, @JsonProperty("package") Package pkg,
                                List<Term> terms,
                                @Private(Readers.VIEWER) Optional<Integer> utility,
                                @Private(Readers.VIEWER) Map<String, Integer> utilities) implements EventData {
}
