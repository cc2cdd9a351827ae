package negotiation.support;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The protocol's documents (docs/asyncapi.yaml and docs/openapi.yaml, in the jar's
 * {@code contract/}) as a check of what the server sends: every WebSocket frame must be a
 * {@code ServerMessage} of the AsyncAPI document, every HTTP answer under a documented path one
 * of the responses the OpenAPI document declares for its status, with the body its media
 * type's schema describes. The shared test clients call it on everything they receive.
 */
public final class Contract {
    /** Where the documents live to the validator; their relative refs resolve beside each other. */
    private static final String BASE = "https://negotiation-rooms.invalid/api/";
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix(BASE, "classpath:contract/")));
    private static final Schema SERVER_MESSAGE = schema("asyncapi.yaml#/components/schemas/ServerMessage");
    private static final JsonNode OPENAPI = yaml("openapi.yaml");
    private static final Map<String, Schema> BY_POINTER = new ConcurrentHashMap<>();

    private Contract() {
    }

    /** Null when the frame is a ServerMessage, else what is wrong with it. */
    public static String frameViolation(String frame) {
        return violation(SERVER_MESSAGE, frame, "WebSocket frame");
    }

    /** Fails with the violations when a frame the server sent is not a ServerMessage. */
    public static void checkFrame(String frame) {
        String violation = frameViolation(frame);
        if (violation != null) {
            throw new AssertionError(violation);
        }
    }

    /**
     * Fails unless an HTTP answer is what openapi.yaml declares: a documented status for the
     * path and method, and a body its media type's schema accepts (NDJSON: every line). Paths
     * outside the API (the web client's files) are not checked; an undocumented path under
     * {@code /api/} must answer the error body.
     */
    public static void checkHttp(String method, String target, int status, String contentType, String body) {
        // the router takes a trailing slash as the same path
        String path = target.replaceFirst("[?#].*", "").replaceFirst("(.)/$", "$1");
        Map.Entry<String, JsonNode> operation = operation(method.toLowerCase(), path);
        String where = method + " " + path + " (" + status + ")";
        if (operation == null) {
            if (path.startsWith("/api/")) {
                require(status >= 400, where + ": an undocumented path under /api/ answered with success");
                check("#/components/schemas/ErrorBody", body, where);
            }
            return;
        }
        JsonNode responses = operation.getValue().path("responses");
        String pointer = operation.getKey() + "/responses/" + status;
        JsonNode response = responses.path(String.valueOf(status));
        require(!response.isMissingNode(), where + ": this status is not in openapi.yaml");
        if (response.has("$ref")) {
            pointer = response.get("$ref").asString().substring(1);
            response = OPENAPI.at(pointer);
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode()) {
            require(body.isEmpty(), where + ": a body where openapi.yaml declares none");
            return;
        }
        String mediaType = contentType == null ? "" : contentType.replaceFirst(";.*", "").trim();
        require(content.has(mediaType), where + ": media type '" + mediaType + "' is not in openapi.yaml");
        if (!mediaType.equals("application/json") && !mediaType.equals("application/x-ndjson")) {
            return; // Markdown, YAML, Prometheus text: documented as strings
        }
        String schema = "#" + pointer + "/content/" + mediaType.replace("/", "~1") + "/schema";
        if (mediaType.equals("application/json")) {
            check(schema, body, where);
        } else {
            for (String line : body.split("\n")) {
                check(schema, line, where + " line");
            }
        }
    }

    private static void check(String pointer, String json, String where) {
        String violation = violation(BY_POINTER.computeIfAbsent(pointer, p -> schema("openapi.yaml" + p)), json, where);
        if (violation != null) {
            throw new AssertionError(violation);
        }
    }

    private static String violation(Schema schema, String json, String what) {
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        if (errors.isEmpty()) {
            return null;
        }
        return what + " breaks the contract (" + schema.getSchemaLocation() + "): " + errors + "\n  in: "
                + (json.length() > 2000 ? json.substring(0, 2000) + "..." : json);
    }

    /** The operation (its JSON pointer in openapi.yaml, and its object) for a method and a concrete path. */
    private static Map.Entry<String, JsonNode> operation(String method, String path) {
        for (Map.Entry<String, JsonNode> entry : OPENAPI.path("paths").properties()) {
            String template = Pattern.quote(entry.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            if (path.matches(template) && entry.getValue().has(method)) {
                String pointer = "/paths/" + entry.getKey().replace("~", "~0").replace("/", "~1") + "/" + method;
                return Map.entry(pointer, entry.getValue().get(method));
            }
        }
        return null;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    private static Schema schema(String reference) {
        return SCHEMAS.getSchema(SchemaLocation.of(BASE + reference));
    }

    private static JsonNode yaml(String document) {
        try (InputStream in = Contract.class.getResourceAsStream("/contract/" + document)) {
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
