package negotiation.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Server to client: a command or frame was refused; nothing was appended. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorMessage(String type, Object id, String code, String message) {
    public ErrorMessage(Object id, String code, String message) {
        this("error", id, code, message);
    }
}
