package negotiation.room;

import static negotiation.room.Visibility.map;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import negotiation.Json;
import negotiation.events.AgendaAmended;
import negotiation.events.AgendaChange;
import negotiation.events.AmendmentProposed;
import negotiation.events.MediatorSuggested;
import negotiation.events.NoteAdded;
import negotiation.events.RoomEvent;
import negotiation.events.Withdrawn;

/**
 * The data of protocol 1.1's events, for {@link Visibility#present} only: what a role may see
 * is decided there (its lens), and handed in here as {@code mayReadCaucus} and {@code withUtility}.
 */
final class WorkspaceVisibility {
    /** Visibility's lens: adds the viewer's utility (a party) or the unsealed parties' utilities (a mediator). */
    interface Utilities {
        Map<String, Object> withUtility(Map<String, Object> data, Map<String, Object> pkg, boolean outcome);
    }

    private WorkspaceVisibility() {
    }

    /** The event's data as the lens lets its viewer see it; null for an event kind of protocol 1. */
    static Map<String, Object> data(RoomEvent event, Predicate<NoteAdded> mayReadCaucus, Utilities lens) {
        if (event instanceof NoteAdded e && e.to() != null) {
            return caucusNote(e, mayReadCaucus.test(e));
        } else if (event instanceof AmendmentProposed e) {
            Map<String, Object> data = map("ref", e.ref(), "party", e.party(), "changes", changes(e.changes()));
            if (e.reason() != null) {
                data.put("reason", e.reason());
            }
            data.put("agendaVersion", e.agendaVersion());
            return data;
        } else if (event instanceof AgendaAmended e) {
            return map("ref", e.ref(), "agenda", Json.MAPPER.convertValue(e.agenda(), Map.class),
                    "version", e.version());
        } else if (event instanceof Withdrawn e) {
            return map("ref", e.ref(), "party", e.party());
        } else if (event instanceof MediatorSuggested e) {
            Map<String, Object> data = map("ref", e.ref(), "package", e.pkg(), "terms", Visibility.terms(e.terms()));
            if (e.text() != null) {
                data.put("text", e.text());
            }
            return lens.withUtility(data, e.pkg(), false);
        }
        return null;
    }

    /**
     * Every role gets the event, so every role's seq stays gapless; only the author, the addressee
     * and mediators get its text (and the salt that opens its commitment).
     */
    private static Map<String, Object> caucusNote(NoteAdded e, boolean mayRead) {
        Map<String, Object> data = map("party", e.party(), "to", e.to());
        if (mayRead) {
            data.put("text", e.text());
        }
        if (e.commitment() != null) {
            data.put("commitment", e.commitment());
            if (mayRead) {
                data.put("salt", e.salt());
            }
        }
        return data;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> changes(List<AgendaChange> changes) {
        return Json.MAPPER.convertValue(changes, List.class);
    }
}
