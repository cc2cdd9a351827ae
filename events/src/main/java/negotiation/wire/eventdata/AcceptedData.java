package negotiation.wire.eventdata;

/** A party accepted a ref. */
public record AcceptedData(String ref, String party) implements EventData {
}
