package negotiation.wire.eventdata;

/** A party narrowed its own floor band. */
public record PrivacyNarrowedData(String party, int band) implements EventData {
}
