package negotiation.events;

import java.util.List;

/** The public agenda of a room: its title, the negotiating parties and the issues on the table. */
public record Agenda(String title, List<String> parties, List<Issue> issues) {
}
