package negotiation.wire.eventdata;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import negotiation.events.AgendaChange;

/** A proposal to widen the agenda of version {@code agendaVersion}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AmendmentProposedData(String ref, String party, List<AgendaChange> changes, String reason,
                                    int agendaVersion) implements EventData {
}
