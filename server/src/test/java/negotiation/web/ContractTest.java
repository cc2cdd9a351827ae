package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.Contract;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The protocol's documents: served as they are in docs/, written only with keywords the
 * validator acts on (a misspelt keyword would silently check nothing), and strict enough that
 * a renamed member, an unknown kind or a party shown a mediator's figures is refused. That
 * every frame and body of the end-to-end tests conforms is checked by the shared clients.
 */
@ExtendWith(BlockedThreadWatch.class)
class ContractTest {
    private static final Path DOCS = Path.of("..", "docs");
    private static final Set<String> KEYWORDS = Set.of("type", "properties", "required", "additionalProperties",
            "items", "oneOf", "anyOf", "allOf", "not", "if", "then", "else", "const", "enum", "minimum", "maximum",
            "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "minProperties",
            "description", "format", "$ref", "unevaluatedProperties", "dependentRequired", "propertyNames", "default");
    /** Keywords whose value is one schema, or a list of schemas. */
    private static final Set<String> SUBSCHEMA = Set.of("additionalProperties", "items", "not", "if", "then", "else",
            "propertyNames", "unevaluatedProperties");
    private static final Set<String> SUBSCHEMAS = Set.of("oneOf", "anyOf", "allOf");

    @TempDir
    Path data;

    @Test
    void theServerServesTheDocumentsOfDocs() throws Exception {
        try (Server server = Server.start(new Server.Settings(0, data, 100, Limits.DEFAULTS));
             RoomClient client = new RoomClient(server.port())) {
            for (String document : List.of("asyncapi.yaml", "openapi.yaml")) {
                HttpAnswer served = client.get("/api/" + document, null);
                assertEquals(200, served.status(), document);
                assertEquals(Files.readString(DOCS.resolve(document)), served.body(), document);
            }
        }
    }

    @Test
    void everySchemaUsesOnlyKeywordsTheValidatorKnows() throws Exception {
        List<String> unknown = new ArrayList<>();
        for (String document : List.of("asyncapi.yaml", "openapi.yaml")) {
            JsonNode root = new YAMLMapper().readTree(DOCS.resolve(document).toFile());
            List<JsonNode> schemas = new ArrayList<>();
            root.path("components").path("schemas").forEach(schemas::add);
            root.findValues("schema").forEach(schemas::add); // message payloads, request and response bodies
            for (JsonNode schema : schemas) {
                walk(schema, document, unknown);
            }
        }
        assertEquals(List.of(), unknown);
    }

    private static void walk(JsonNode schema, String where, List<String> unknown) {
        if (!schema.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> member : schema.properties()) {
            String keyword = member.getKey();
            if (!KEYWORDS.contains(keyword)) {
                unknown.add(where + ": " + keyword);
            } else if (keyword.equals("properties")) {
                member.getValue().properties().forEach(p -> walk(p.getValue(), where + "/" + p.getKey(), unknown));
            } else if (SUBSCHEMA.contains(keyword)) {
                walk(member.getValue(), where + "/" + keyword, unknown);
            } else if (SUBSCHEMAS.contains(keyword)) {
                member.getValue().forEach(s -> walk(s, where + "/" + keyword, unknown));
            }
        }
    }

    private static final String OFFER_FOR_A_PARTY = """
            {"type":"event","seq":5,"at":"2026-01-02T03:04:05.678Z","kind":"OfferMade",
             "data":{"ref":"o1","party":"buyer","package":{"price":5000,"support":"1 year"},"terms":[],"utility":8875},
             "hash":"%s"}""".formatted("ab".repeat(32));

    @Test
    void theSchemasRefuseDrift() {
        assertNull(Contract.frameViolation(OFFER_FOR_A_PARTY));
        Map<String, String> drifts = Map.of(
                "a renamed member", OFFER_FOR_A_PARTY.replace("\"package\"", "\"pkg\""),
                "an extra member", OFFER_FOR_A_PARTY.replace("\"terms\"", "\"seed\":7,\"terms\""),
                "a party shown a mediator's figures", OFFER_FOR_A_PARTY.replace("\"utility\":8875",
                        "\"utility\":8875,\"utilities\":{\"seller\":3810}"),
                "an unknown kind", OFFER_FOR_A_PARTY.replace("OfferMade", "OfferPlaced"),
                "a utility out of range", OFFER_FOR_A_PARTY.replace("8875", "10001"),
                "no hash", OFFER_FOR_A_PARTY.replaceFirst(",\\s*\"hash\":\"[0-9a-f]+\"", ""),
                "an error code outside the protocol",
                "{\"type\":\"error\",\"id\":\"m1\",\"code\":\"oops\",\"message\":\"no\"}");
        drifts.forEach((drift, frame) -> assertNotNull(Contract.frameViolation(frame), drift));
        assertTrue(Contract.frameViolation("{\"type\":\"presence\",\"parties\":{\"buyer\":true},\"mediators\":0}") == null);
    }
}
