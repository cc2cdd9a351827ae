package negotiation.wire.eventdata;

import java.util.List;
import negotiation.events.Agenda;
import negotiation.events.Issue;

/** A room was opened: its agenda, member for member. */
public record RoomCreatedData(String title, List<String> parties, List<Issue> issues) implements EventData {
    public static RoomCreatedData of(Agenda agenda) {
        return new RoomCreatedData(agenda.title(), agenda.parties(), agenda.issues());
    }

    public Agenda agenda() {
        return new Agenda(title, parties, issues);
    }
}
