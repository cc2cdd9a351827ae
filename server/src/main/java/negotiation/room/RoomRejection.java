package negotiation.room;

/**
 * A command refused by the room's rules. The code is one of the protocol's error codes (docs/protocol.md); the
 * message is shown to the sender, so it never carries another party's private data.
 */
public final class RoomRejection extends RuntimeException {
    private final String code;

    public RoomRejection(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static RoomRejection badRequest(String message) {
        return new RoomRejection("bad_request", message);
    }

    public static RoomRejection forbidden(String message) {
        return new RoomRejection("forbidden", message);
    }

    public static RoomRejection conflict(String message) {
        return new RoomRejection("conflict", message);
    }

    public static RoomRejection notFound(String message) {
        return new RoomRejection("not_found", message);
    }
}
