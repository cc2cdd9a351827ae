package negotiation.history;

/**
 * A stored event whose link does not match its place in the chain: the room's stored history
 * was changed after it was written, and is not served until restored from a backup
 * (docs/verifiable-history.md).
 */
public final class DamagedHistory extends RuntimeException {
    public DamagedHistory(String message) {
        super(message);
    }
}
