package negotiation.wire.eventdata;

/** A party let mediators see its interests. */
public record InterestsUnsealedData(String party) implements EventData {
}
