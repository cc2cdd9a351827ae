package negotiation.mediation;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import negotiation.Json;
import negotiation.wire.EventMessage;
import negotiation.wire.ExportHeader;
import negotiation.wire.eventdata.EventData;

/**
 * The export format: NDJSON, one header line, then one line per event exactly as the
 * exporting role receives it over the WebSocket (with {@code hash}). The header names the
 * room, the role and the head the server had when the export began, so a cut-off file shows.
 */
public final class ExportFile {
    public static final String FORMAT = "negotiation-rooms/export-1";

    private ExportFile() {
    }

    /** The header line (without its newline). */
    public static String header(String roomId, String role, long seq, String head, String exportedAt) {
        return line(new ExportHeader(FORMAT, roomId, role, seq, head, exportedAt));
    }

    /** An event's line (without its newline). */
    public static String line(Object message) {
        try {
            return Json.MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("events are plain records and maps", e);
        }
    }

    /** An event line as written: the hash chain covers its data so; {@link #message} reads it typed. */
    record EventLine(long seq, String at, String kind, Map<String, Object> data, String hash) {
        /** The event message, its data read as its kind's type. */
        EventMessage message() {
            try {
                return new EventMessage(seq, at, kind, Json.MAPPER.convertValue(data,
                        EventData.typeOf(kind, data.containsKey("to"))), hash);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("its data is not a " + kind + "'s: " + e.getMessage(), e);
            }
        }
    }

    /** An event line read back; fails with a message fit for a person when the line is not one. */
    @SuppressWarnings("unchecked")
    static EventLine event(Map<String, Object> line) {
        if (!"event".equals(line.get("type"))) {
            throw new IllegalArgumentException("it is not an event line (type " + line.get("type") + ")");
        }
        if (!(line.get("seq") instanceof Number seq) || !(line.get("at") instanceof String at)
                || !(line.get("kind") instanceof String kind) || !(line.get("data") instanceof Map<?, ?> data)
                || !(line.get("hash") instanceof String hash)) {
            throw new IllegalArgumentException("it lacks one of seq, at, kind, data, hash");
        }
        return new EventLine(seq.longValue(), at, kind, (Map<String, Object>) data, hash);
    }

    /** A line parsed as a JSON object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String line) {
        try {
            Object value = Json.MAPPER.readValue(line, Object.class);
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        } catch (JsonProcessingException e) {
            // answered below
        }
        throw new IllegalArgumentException("it is not a JSON object");
    }
}
