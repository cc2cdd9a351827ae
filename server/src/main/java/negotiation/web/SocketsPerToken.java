package negotiation.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import negotiation.room.RoomRejection;

/**
 * The sockets each token (a room and a role) holds open on this node, at most {@link #MAX}
 * (docs/security.md). Every event of a room is written to each of its sockets, so this bounds
 * a room's fan-out at (parties + mediator) x MAX; the cap is per token, not per room, so that
 * one participant cannot lock the others out. Counted once the token is known: at the
 * handshake, or at the {@code auth} frame.
 */
final class SocketsPerToken {
    static final int MAX = 20;

    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    /** Counts one more socket for this room and role, unless it holds {@link #MAX} already. */
    boolean tryOpen(String roomId, String role) {
        boolean[] taken = {false};
        open.compute(roomId + ":" + role, (key, count) -> {
            int held = count == null ? 0 : count;
            if (held >= MAX) {
                return count;
            }
            taken[0] = true;
            return held + 1;
        });
        return taken[0];
    }

    void closed(String roomId, String role) {
        open.computeIfPresent(roomId + ":" + role, (key, count) -> count == 1 ? null : count - 1);
    }

    static RoomRejection tooMany() {
        return new RoomRejection("rate_limited", "this token holds " + MAX
                + " sockets in this room already; close one first");
    }
}
