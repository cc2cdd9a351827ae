package negotiation.wire.analysis;

/** How many moves of each sort one party made. */
public record MoveCounts(int offers, int trades, int accepts, int rejects) {
    public static final MoveCounts NONE = new MoveCounts(0, 0, 0, 0);

    public MoveCounts plusOffer() {
        return new MoveCounts(offers + 1, trades, accepts, rejects);
    }

    public MoveCounts plusTrade() {
        return new MoveCounts(offers, trades + 1, accepts, rejects);
    }

    public MoveCounts plusAccept() {
        return new MoveCounts(offers, trades, accepts + 1, rejects);
    }

    public MoveCounts plusReject() {
        return new MoveCounts(offers, trades, accepts, rejects + 1);
    }
}
