package negotiation.room;

import java.util.function.Function;
import negotiation.events.AgendaAmended;
import negotiation.events.AmendmentProposed;
import negotiation.events.MediatorSuggested;
import negotiation.events.Package;
import negotiation.events.RoomEvent;
import negotiation.events.Withdrawn;
import negotiation.wire.eventdata.AgendaAmendedData;
import negotiation.wire.eventdata.AmendmentProposedData;
import negotiation.wire.eventdata.EventData;
import negotiation.wire.eventdata.MediatorSuggestedData;
import negotiation.wire.eventdata.WithdrawnData;

/**
 * The data of protocol 1.1's events, for {@link EventForm} only: what a reader may see is
 * decided by its {@link EventForm.Reader} (handed in here as {@code worth}).
 */
final class WorkspaceEventForm {
    private WorkspaceEventForm() {
    }

    /** The event's data as the lens lets its viewer see it; null for an event kind of protocol 1. */
    static EventData data(RoomEvent event, Function<Package, EventForm.Worth> worth) {
        if (event instanceof AmendmentProposed e) {
            return new AmendmentProposedData(e.ref(), e.party(), e.changes(), e.reason(), e.agendaVersion());
        } else if (event instanceof AgendaAmended e) {
            return new AgendaAmendedData(e.ref(), e.agenda(), e.version());
        } else if (event instanceof Withdrawn e) {
            return new WithdrawnData(e.ref(), e.party());
        } else if (event instanceof MediatorSuggested e) {
            EventForm.Worth w = worth.apply(e.pkg());
            return new MediatorSuggestedData(e.ref(), e.pkg(), EventForm.terms(e.terms()), e.text(), w.utility(),
                    w.utilities());
        }
        return null;
    }
}
