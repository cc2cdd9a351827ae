package negotiation.readmodel;

import negotiation.room.AgendaRules;

/** Who is looking: a party of the room, by name, or a mediator. */
public record Viewer(String role) {
    public static final Viewer MEDIATOR = new Viewer(AgendaRules.MEDIATOR);

    public boolean isMediator() {
        return AgendaRules.MEDIATOR.equals(role);
    }
}
