package negotiation.mediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import negotiation.Json;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.HttpAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An accepted improvement improves the package, not the terms: the agreement it replaces keeps
 * its contingent terms in the room view (every role's fold), the Markdown agreement, an offline
 * replay of the export and the session analysis (docs/protocol.md, "Protocol 1.2 as implemented").
 */
@ExtendWith(BlockedThreadWatch.class)
class ImprovementKeepsTermsTest {
    @TempDir
    Path data;
    DeskSession room;

    @BeforeEach
    void start() throws Exception {
        room = DeskSession.open(data);
    }

    @AfterEach
    void stop() throws Exception {
        room.close();
    }

    @Test
    void theAcceptedImprovementKeepsTheAgreementsTerms() throws Exception {
        room.toFirstAgreement().acceptImprovement();
        JsonNode term = Json.MAPPER.valueToTree(java.util.Map.of("if", DeskSession.TERM_IF, "then", DeskSession.TERM_THEN));
        for (String role : java.util.List.of("buyer", "seller", "mediator")) {
            HttpAnswer state = room.get("", role);
            assertEquals(200, state.status(), state.body());
            JsonNode agreement = state.json().get("agreement");
            assertEquals("i1", agreement.get("ref").asText(), role + ": the improvement is the agreement in force");
            assertEquals(java.util.List.of(term), java.util.List.copyOf(iterable(agreement.get("terms"))),
                    role + ": the fold keeps the terms");

            HttpAnswer markdown = room.get("/agreement?format=md", role);
            assertEquals(200, markdown.status(), markdown.body());
            String md = markdown.body();
            assertTrue(md.contains("ref `i1`"), md);
            assertTrue(md.contains("- If " + DeskSession.TERM_IF + ", then " + DeskSession.TERM_THEN + "."),
                    role + ": the Markdown keeps the terms\n" + md);
            assertTrue(!md.contains("No contingent terms"), md);
            assertTrue(md.contains("It replaced the agreement on `o3` and keeps its contingent terms."), md);

            Path file = data.resolve("export-" + role + ".ndjson");
            Files.writeString(file, room.export(role));
            Replay replay = Replay.load(file);
            assertEquals(term, Json.MAPPER.valueToTree(replay.stateAt(replay.lastSeq()).agreement().terms().get(0)),
                    role + ": the offline replay keeps the terms");
            assertEquals(term, Json.MAPPER.valueToTree(replay.analysisAt(replay.lastSeq()).agreement().terms().get(0)),
                    role + ": the analysis's agreement in force keeps the terms");
        }
    }

    static java.util.List<JsonNode> iterable(JsonNode array) {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
