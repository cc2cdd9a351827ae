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

/** A party's offer, with the viewer's utility of it (see {@link ProposedPackageData}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OfferMadeData(String ref, String party, @JsonProperty("package") Package pkg,
                            List<Term> terms,
                            @Private(Readers.VIEWER) Optional<Integer> utility,
                            @Private(Readers.VIEWER) Map<String, Integer> utilities) implements EventData {
}
