package negotiation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import negotiation.wire.EventMessage;
import negotiation.wire.eventdata.EventData;

/**
 * The one JSON mapping used for the wire and the event store. Strict about types (no
 * "5" for 5, no 5.5 for an integer) so a client's mistake is an error, not a silent guess;
 * lenient about unknown fields so the protocol can grow.
 */
public final class Json {
    public static final ObjectMapper MAPPER = create();

    private Json() {
    }

    private static ObjectMapper create() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                // An Optional member of view data (a party's utility): empty reads and writes as null; absent
                // (a mediator's view) is null in Java and left out of the JSON
                .addModule(new Jdk8Module().configureReadAbsentAsNull(true))
                .addModule(new SimpleModule("event messages").addDeserializer(EventMessage.class, new EventMessageReader()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** Reads an event message with its data as its kind's type ({@link EventData#typeOf}): the data alone does not say. */
    private static final class EventMessageReader extends StdDeserializer<EventMessage> {
        EventMessageReader() {
            super(EventMessage.class);
        }

        @Override
        public EventMessage deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode message = context.readTree(parser);
            JsonNode data = message.path("data");
            String kind = message.path("kind").asText();
            Class<? extends EventData> type;
            try {
                type = EventData.typeOf(kind, data.has("to"));
            } catch (IllegalArgumentException e) {
                return context.reportInputMismatch(EventMessage.class, e.getMessage());
            }
            return new EventMessage(message.path("type").asText(), message.path("seq").asLong(),
                    message.path("at").asText(), kind, context.readTreeAsValue(data, type),
                    message.hasNonNull("hash") ? message.get("hash").asText() : null);
        }
    }
}
