package negotiation.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import negotiation.Json;

/** Encodes wire messages with the project's one JSON mapping. */
final class WebJson {
    private WebJson() {
    }

    static String encode(Object message) {
        try {
            return Json.MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("wire messages are plain records and maps", e);
        }
    }
}
