package negotiation.web;

import static negotiation.room.RoomRejection.badRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import negotiation.Json;
import negotiation.events.AgendaChange;
import negotiation.commands.Withdraw;
import negotiation.commands.Suggest;
import negotiation.commands.Amend;
import negotiation.commands.Accept;
import negotiation.commands.AddNote;
import negotiation.commands.MakeOffer;
import negotiation.commands.NarrowPrivacy;
import negotiation.commands.ProposeTrade;
import negotiation.commands.Reject;
import negotiation.commands.RoomCommand;
import negotiation.commands.SubmitInterests;
import negotiation.commands.UnsealInterests;
import negotiation.events.Agenda;
import negotiation.events.Interests;
import negotiation.events.Package;
import negotiation.events.PrivacyLevel;
import negotiation.events.Term;
import negotiation.room.InterestsCommitment;
import negotiation.room.RoomRejection;

/**
 * Reads the JSON a client sends (WebSocket frames, HTTP bodies) into messages and commands,
 * turning every malformed or mistyped field into a {@code bad_request} that names it.
 */
final class Frames {
    private static final TypeReference<List<AgendaChange>> CHANGES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> NAMES = new TypeReference<>() {
    };
    private static final TypeReference<List<Term>> TERMS = new TypeReference<>() {
    };
    /** Writes objects' members sorted by name at every depth, without whitespace. */
    private static final ObjectWriter SORTED = Json.MAPPER.writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);

    private Frames() {
    }

    /** A client frame: its id (string or number, echoed back), type and whole body. */
    record ClientFrame(Object id, String type, JsonNode body) {
    }

    /** Parses one frame; a frame whose id is unknown is refused with a null id. */
    static ClientFrame parse(String text) {
        JsonNode node = tree(text);
        if (!node.isObject()) {
            throw badRequest("a frame must be a JSON object");
        }
        JsonNode id = node.get("id");
        if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
            throw badRequest("every message needs an \"id\": a string or an integer");
        }
        Object echo = id.isTextual() ? id.textValue() : id.numberValue();
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            throw new FrameRejection(echo, badRequest("\"type\" must be a string"));
        }
        return new ClientFrame(echo, type.textValue(), node);
    }

    /**
     * A frame's canonical text: members sorted by name at every depth, no whitespace, numbers
     * as parsed. Two frames that differ only in member order or spacing get the same text.
     */
    static String canonical(JsonNode frame) {
        try {
            return SORTED.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serialises", e);
        }
    }

    static JsonNode tree(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw badRequest("malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** The room command a frame asks for, sent by {@code role}. */
    static RoomCommand command(ClientFrame frame, String roomId, String role, Instant at) {
        JsonNode body = frame.body();
        return switch (frame.type()) {
            case "submitInterests" -> new SubmitInterests(roomId, role, required(body, "interests", Interests.class),
                    Invites.newSeed(), at, InterestsCommitment.newSalt());
            case "offer" -> new MakeOffer(roomId, role, required(body, "package", Package.class),
                    optional(body, "terms", TERMS), at);
            case "trade" -> new ProposeTrade(roomId, role, required(body, "on", String.class),
                    optional(body, "give", Package.class), optional(body, "get", Package.class), optional(body, "terms", TERMS), at);
            case "accept" -> new Accept(roomId, role, required(body, "ref", String.class), at);
            case "reject" -> new Reject(roomId, role, required(body, "ref", String.class),
                    optional(body, "reason", String.class), at);
            case "note" -> new AddNote(roomId, role, required(body, "text", String.class), at,
                    optional(body, "to", String.class), InterestsCommitment.newSalt());
            case "unseal" -> new UnsealInterests(roomId, role, at);
            case "narrowPrivacy" -> new NarrowPrivacy(roomId, role, required(body, "band", Integer.class), at);
            case "withdraw" -> new Withdraw(roomId, role, required(body, "ref", String.class), at);
            case "amend" -> new Amend(roomId, role, required(body, "changes", CHANGES),
                    optional(body, "reason", String.class), at);
            case "suggest" -> new Suggest(roomId, role, required(body, "package", Package.class),
                    optional(body, "terms", TERMS), optional(body, "text", String.class), at);
            default -> throw badRequest("unknown message type '" + frame.type() + "'");
        };
    }

    /** hello's {@code after}: an integer >= 0, 0 when absent. */
    static long after(JsonNode body) {
        JsonNode after = body.get("after");
        if (after == null || after.isNull()) {
            return 0;
        }
        if (!after.isIntegralNumber() || !after.canConvertToLong() || after.longValue() < 0) {
            throw badRequest("after must be an integer >= 0");
        }
        return after.longValue();
    }

    static <T> T required(JsonNode body, String field, Class<T> type) {
        T value = optional(body, field, type);
        if (value == null) {
            throw badRequest(field + " is required");
        }
        return value;
    }

    static <T> T required(JsonNode body, String field, TypeReference<T> type) {
        T value = optional(body, field, type);
        if (value == null) {
            throw badRequest(field + " is required");
        }
        return value;
    }

    static <T> T optional(JsonNode body, String field, Class<T> type) {
        return convert(body.get(field), field, Json.MAPPER.constructType(type));
    }

    static <T> T optional(JsonNode body, String field, TypeReference<T> type) {
        return convert(body.get(field), field, Json.MAPPER.constructType(type));
    }

    /**
     * A room to create: the agenda, with the optional privacy level and display names. The level
     * must be exactly {@code {"band": <integer>}}; which integers are levels is the room's rule.
     */
    static CreateRoomRequest createRoom(String text) {
        Agenda agenda = body(text, Agenda.class);
        JsonNode node = tree(text);
        JsonNode privacy = node.get("privacy");
        PrivacyLevel level = null;
        if (privacy != null) {
            java.util.Iterator<String> members = privacy.isObject() ? privacy.fieldNames() : java.util.Collections.emptyIterator();
            boolean onlyBand = members.hasNext() && "band".equals(members.next()) && !members.hasNext();
            if (!onlyBand || !privacy.get("band").isInt()) {
                throw badRequest("privacy must be {\"band\": N} with N one of " + PrivacyLevel.LEVELS);
            }
            level = new PrivacyLevel(privacy.get("band").intValue());
        }
        return new CreateRoomRequest(agenda, level, optional(node, "names", NAMES));
    }

    /** What a room is created with: see {@link #createRoom}. */
    record CreateRoomRequest(Agenda agenda, PrivacyLevel privacy, Map<String, String> names) {
    }

    /** Reads a whole JSON body as one type (e.g. an agenda). */
    static <T> T body(String text, Class<T> type) {
        JsonNode node = tree(text);
        if (!node.isObject()) {
            throw badRequest("the body must be a JSON object");
        }
        return convert(node, null, Json.MAPPER.constructType(type));
    }

    private static <T> T convert(JsonNode node, String field, JavaType type) {
        if (node == null || node.isNull()) {
            return null;
        }
        // A package is a JSON object too (its record wraps one), so it gets the same precise error.
        if ((type.isMapLikeType() || type.hasRawClass(Package.class)) && !node.isObject() || type.isCollectionLikeType() && !node.isArray()) {
            throw badRequest(field + " must be " + expected(type));
        }
        try {
            return Json.MAPPER.readerFor(type).readValue(node);
        } catch (MismatchedInputException e) {
            throw badRequest(where(field, e) + " must be " + expected(Json.MAPPER.constructType(e.getTargetType())));
        } catch (JsonMappingException e) {
            throw badRequest(where(field, e) + " " + JsonProblems.problem(e));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw badRequest((field == null ? "the body" : field) + " " + JsonProblems.problem(e));
        }
    }

    /** Where in the message the problem is, as the protocol names it: {@code issues[0].range.max}. */
    private static String where(String field, JsonMappingException e) {
        StringBuilder path = new StringBuilder(field == null ? "" : field);
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the body" : path.toString();
    }

    private static String expected(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return "an integer";
        }
        if (raw == String.class) {
            return "a string";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "true or false";
        }
        if (type.isCollectionLikeType()) {
            return "an array";
        }
        return "an object";
    }

    /** A refusal of a frame whose id is already known, so the error can echo it. */
    static final class FrameRejection extends RuntimeException {
        final Object id;
        final RoomRejection rejection;

        FrameRejection(Object id, RoomRejection rejection) {
            super(rejection.getMessage(), null, false, false);
            this.id = id;
            this.rejection = rejection;
        }
    }
}
