package negotiation.wire.eventdata;

/** A party withdrew its offer or trade. */
public record WithdrawnData(String ref, String party) implements EventData {
}
