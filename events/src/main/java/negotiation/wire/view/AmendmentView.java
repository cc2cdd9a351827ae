package negotiation.wire.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import negotiation.events.AgendaChange;

/** A proposed amendment, with its seq and {@code status}: "proposed", "agreed" or "stale" (another was agreed). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AmendmentView(String ref, String party, List<AgendaChange> changes, String reason, int agendaVersion,
                            long seq, String status) {
    public AmendmentView withStatus(String next) {
        return new AmendmentView(ref, party, changes, reason, agendaVersion, seq, next);
    }
}
