package negotiation.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import negotiation.Json;
import negotiation.events.Agenda;
import negotiation.events.Interests;

/** The worked examples of shared/scenarios, read from the repository's copy in the test resources. */
public final class Scenarios {
    private Scenarios() {
    }

    public static JsonNode json(String name) {
        try (var in = Scenarios.class.getResourceAsStream("/scenarios/" + name + ".json")) {
            return Json.MAPPER.readTree(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("scenario " + name + " is missing from src/test/resources/scenarios", e);
        }
    }

    public static String text(String name) {
        return json(name).toString();
    }

    public static Agenda agenda(String name) {
        return Json.MAPPER.convertValue(json(name), Agenda.class);
    }

    public static Interests interests(String name, String party) {
        return Json.MAPPER.convertValue(json(name).get("interests").get(party), Interests.class);
    }

}
