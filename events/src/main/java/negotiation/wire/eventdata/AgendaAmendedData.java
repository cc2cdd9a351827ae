package negotiation.wire.eventdata;

import negotiation.events.Agenda;

/** Amendment {@code ref} was accepted: the whole new agenda and its version. */
public record AgendaAmendedData(String ref, Agenda agenda, int version) implements EventData {
}
