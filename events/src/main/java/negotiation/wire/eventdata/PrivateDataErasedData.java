package negotiation.wire.eventdata;

/** A party's private data was erased. */
public record PrivateDataErasedData(String party) implements EventData {
}
