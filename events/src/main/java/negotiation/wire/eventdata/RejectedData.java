package negotiation.wire.eventdata;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A party rejected a ref, with its reason if it gave one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RejectedData(String ref, String party, String reason) implements EventData {
}
