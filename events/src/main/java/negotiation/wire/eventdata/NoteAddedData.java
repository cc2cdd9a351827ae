package negotiation.wire.eventdata;

/** A note to the whole room. */
public record NoteAddedData(String party, String text) implements EventData {
}
