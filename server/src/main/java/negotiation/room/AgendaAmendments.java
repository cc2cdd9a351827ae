package negotiation.room;

import static negotiation.room.RoomRejection.badRequest;

import java.util.ArrayList;
import java.util.List;
import negotiation.events.Agenda;
import negotiation.events.AgendaChange;
import negotiation.events.Issue;

/**
 * An amendment's changes applied to an agenda (the protocol's "amend", docs/protocol.md): in order, all or
 * nothing, and the result must be a valid agenda by every rule of {@link AgendaRules}.
 */
final class AgendaAmendments {
    static final int MAX_CHANGES = 10;

    private AgendaAmendments() {
    }

    /** The agenda with every change applied; bad_request, naming the change, when any breaks a rule. */
    public static Agenda apply(Agenda agenda, List<AgendaChange> changes) {
        if (changes == null || changes.isEmpty() || changes.size() > MAX_CHANGES) {
            throw badRequest("changes must list 1 to " + MAX_CHANGES + " changes, got "
                    + (changes == null ? 0 : changes.size()));
        }
        List<Issue> issues = new ArrayList<>(agenda.issues());
        for (int i = 0; i < changes.size(); i++) {
            applyOne(issues, changes.get(i), "changes[" + i + "]");
        }
        Agenda amended = new Agenda(agenda.title(), agenda.parties(), List.copyOf(issues));
        try {
            AgendaRules.check(amended);
        } catch (RoomRejection e) {
            throw badRequest("the amended agenda would be invalid: " + e.getMessage());
        }
        return amended;
    }

    private static void applyOne(List<Issue> issues, AgendaChange change, String where) {
        if (change == null || (change.addIssue() == null) == (change.addOptions() == null)) {
            throw badRequest(where + " must have exactly one of addIssue or addOptions");
        }
        if (change.addIssue() != null) {
            issues.add(change.addIssue());
            return;
        }
        AgendaChange.AddOptions add = change.addOptions();
        if (add.issue() == null) {
            throw badRequest(where + ".addOptions.issue is required");
        }
        if (add.options() == null || add.options().isEmpty()) {
            throw badRequest(where + ".addOptions.options must list at least one option");
        }
        for (int i = 0; i < issues.size(); i++) {
            Issue issue = issues.get(i);
            if (issue != null && add.issue().equals(issue.id())) {
                if (issue.options() == null) {
                    throw badRequest(where + ": issue '" + add.issue() + "' is a range; options can be added "
                            + "only to an options issue");
                }
                List<String> options = new ArrayList<>(issue.options());
                options.addAll(add.options());
                issues.set(i, new Issue(issue.id(), issue.label(), issue.unit(), options, null));
                return;
            }
        }
        throw badRequest(where + ": unknown issue '" + add.issue() + "'");
    }
}
