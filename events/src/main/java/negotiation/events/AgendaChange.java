package negotiation.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One change of an amendment: exactly one of {@code addIssue} (a whole new issue) or
 * {@code addOptions} (more options for an existing options issue).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgendaChange(Issue addIssue, AddOptions addOptions) {
    /** Options to append to an options issue, in order. */
    public record AddOptions(String issue, List<String> options) {
    }
}
