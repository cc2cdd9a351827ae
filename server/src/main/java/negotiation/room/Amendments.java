package negotiation.room;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The room's agenda amendments: each proposal, which were agreed, and the agenda's version. */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
final class Amendments {
    private int agendaVersion = 1;
    private Map<String, Amendment> proposed = new HashMap<>();
    private Set<String> agreed = new HashSet<>();

    int agendaVersion() {
        return agendaVersion;
    }

    boolean has(String ref) {
        return proposed.containsKey(ref);
    }

    String next() {
        return "a" + (proposed.size() + 1);
    }

    /** An amendment every party may still accept: not agreed yet, and made on the agenda in force. */
    Amendment requireOpen(String ref) {
        Amendment amendment = proposed.get(ref);
        if (agreed.contains(ref)) {
            throw RoomRejection.conflict("amendment '" + ref + "' is already agreed");
        }
        if (amendment.agendaVersion() != agendaVersion) {
            throw RoomRejection.conflict("the agenda changed since: '" + ref + "' amends agenda version "
                    + amendment.agendaVersion() + ", the agenda is at version " + agendaVersion);
        }
        return amendment;
    }

    /** The amendments a role proposed that are still pending: on the agenda in force, not agreed, rejected by no party. */
    long pendingBy(String role, Table table) {
        return proposed.entrySet().stream()
                .filter(e -> role.equals(e.getValue().party()) && e.getValue().agendaVersion() == agendaVersion)
                .filter(e -> !agreed.contains(e.getKey()) && !table.rejectedByAnyone(e.getKey()))
                .count();
    }

    void proposed(String ref, Amendment amendment) {
        proposed.put(ref, amendment);
    }

    void amended(String ref, int version) {
        agreed.add(ref);
        agendaVersion = version;
    }
}
