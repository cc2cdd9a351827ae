package negotiation.wire.analysis;

/** A party's utility of a package on the table at {@code seq} (party: who put it there; null for the agreement). */
public record PathPoint(long seq, String ref, String kind, String party, int utility) {
}
