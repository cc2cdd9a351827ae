package negotiation.wire;

import java.util.Map;

/** Server to client: one event of the room's log, as the receiving role may see it. */
public record EventMessage(String type, long seq, String at, String kind, Map<String, Object> data) {
    public EventMessage(long seq, String at, String kind, Map<String, Object> data) {
        this("event", seq, at, kind, data);
    }
}
