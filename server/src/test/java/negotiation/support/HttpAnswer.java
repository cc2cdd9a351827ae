package negotiation.support;

import com.fasterxml.jackson.databind.JsonNode;
import negotiation.Json;

/** An HTTP answer as a test sees it: status and body text (parsed on demand). */
public record HttpAnswer(int status, String body) {
    public JsonNode json() {
        try {
            return Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON (" + status + "): " + body, e);
        }
    }

    public String errorCode() {
        return json().path("error").path("code").asText();
    }
}
