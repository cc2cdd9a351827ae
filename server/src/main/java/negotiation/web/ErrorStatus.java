package negotiation.web;

import negotiation.room.RoomRejection;

/** The HTTP status of each error code of the protocol (docs/api.md), for answers and refused handshakes. */
final class ErrorStatus {
    private ErrorStatus() {
    }

    static int of(Throwable failure) {
        String code = failure instanceof RoomRejection r ? r.code() : "internal";
        return switch (code) {
            case "bad_request" -> 400;
            case "unauthorized" -> 401;
            case "forbidden" -> 403;
            case "not_found" -> 404;
            case "conflict" -> 409;
            case "too_large" -> 413;
            case "rate_limited" -> 429;
            case "unavailable" -> 503;
            default -> 500;
        };
    }
}
