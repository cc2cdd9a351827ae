package negotiation.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One issue of an agenda: either a list of named options or an integer range. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Issue(String id, String label, String unit, List<String> options, Range range) {
}
