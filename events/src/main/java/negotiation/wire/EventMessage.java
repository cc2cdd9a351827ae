package negotiation.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import negotiation.wire.eventdata.EventData;

/**
 * Server to client: one event of the room's log, as the receiving role may see it, with
 * {@code hash}, its link in the room's hash chain (see docs/verifiable-history.md).
 */
public record EventMessage(String type, long seq, String at, String kind, EventData data,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String hash) {
    public EventMessage(long seq, String at, String kind, EventData data, String hash) {
        this("event", seq, at, kind, data, hash);
    }
}
