package negotiation.room;

import java.util.List;
import negotiation.events.AgendaChange;

/** A proposed amendment: who proposed it, its changes, and the agenda version it amends. */
record Amendment(String party, List<AgendaChange> changes, int agendaVersion) {
}
