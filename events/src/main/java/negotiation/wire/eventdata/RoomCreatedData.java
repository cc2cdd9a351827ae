package negotiation.wire.eventdata;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import negotiation.events.Agenda;
import negotiation.events.Issue;
import negotiation.events.PrivacyLevel;

/**
 * A room was opened: its agenda, member for member, its privacy level and the parties' display
 * names (both absent for rooms created before they existed).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoomCreatedData(String title, List<String> parties, List<Issue> issues, PrivacyLevel privacy,
                              Map<String, String> names) implements EventData {
    public static RoomCreatedData of(Agenda agenda) {
        return new RoomCreatedData(agenda.title(), agenda.parties(), agenda.issues(), null, null);
    }

    public Agenda agenda() {
        return new Agenda(title, parties, issues);
    }
}
