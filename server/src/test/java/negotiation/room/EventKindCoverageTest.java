package negotiation.room;

import negotiation.history.EventForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import negotiation.events.Agenda;
import negotiation.events.Package;
import negotiation.events.PrivacyLevel;
import negotiation.events.RoomCreated;
import negotiation.events.RoomEvent;
import negotiation.readmodel.RoomView;
import negotiation.readmodel.Viewer;
import negotiation.support.Scenarios;
import negotiation.wire.EventMessage;
import negotiation.wire.eventdata.EventData;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.junit.jupiter.api.Test;

/**
 * Every event kind is handled by every consumer that must know it: the room's fold, the view data
 * of every role ({@code EventForm}), the room view, the mediator's replay text, and in the browser
 * the fold ({@code reduce.js}) and the log ({@code views/log.js}). The kinds are the contract's own
 * list ({@code RoomEvent}'s permitted types), so a kind added there and forgotten anywhere fails here.
 */
class EventKindCoverageTest {
    private static final Agenda AGENDA = Scenarios.agenda("orange");
    private static final Path WEB = Path.of("..", "web-client", "js");

    static List<Class<?>> kinds() {
        return Arrays.asList(RoomEvent.class.getPermittedSubclasses());
    }

    @Test
    void theRoomFoldsEveryKind() {
        for (Class<?> kind : kinds()) {
            boolean folded = Arrays.stream(RoomState.class.getDeclaredMethods())
                    .anyMatch(m -> m.isAnnotationPresent(EventSourcingHandler.class) && m.getParameterCount() > 0
                            && m.getParameterTypes()[0] == kind);
            assertTrue(folded, "no @EventSourcingHandler for " + kind.getSimpleName() + " in RoomState");
        }
    }

    @Test
    void everyKindHasItsDataARoomViewAndAReplayLine() throws Exception {
        Method sentence = Class.forName("negotiation.mediation.Timeline").getDeclaredMethod("sentence", EventData.class);
        sentence.setAccessible(true);
        RoomCreated created = new RoomCreated("r", AGENDA, Map.of(), Instant.EPOCH, PrivacyLevel.DEFAULT, null);
        EventMessage first = message(1, created);
        for (Class<?> kind : kinds()) {
            RoomEvent event = sample(kind);
            assertTrue(EventData.TYPES.containsKey(event.kind()), "EventData lists no data type for " + event.kind());
            EventMessage message = message(2, event);
            assertEquals(EventData.typeOf(event.kind(), message.data() instanceof negotiation.wire.eventdata.CaucusNoteData),
                    message.data().getClass(), "EventForm builds the kind's data type");
            RoomView.fold("r", new Viewer("mediator"), List.of(first, message));
            assertTrue(((String) sentence.invoke(null, message.data())).length() > 0, "a replay line for " + event.kind());
        }
    }

    @Test
    void theBrowsersFoldAndLogNameEveryKind() throws IOException {
        for (String file : List.of("reduce.js", "views/log.js")) {
            String source = Files.readString(WEB.resolve(file));
            List<String> missing = missing(source, kinds().stream().map(RoomEvent::kindOf).toList());
            assertEquals(List.of(), missing, file + " has no case for these kinds");
            // the check itself can fail: a kind no consumer knows is reported
            assertEquals(List.of("KindAddedInThisTestOnly"), missing(source, List.of("KindAddedInThisTestOnly")));
        }
    }

    private static List<String> missing(String source, List<String> kinds) {
        return kinds.stream().filter(kind -> !source.contains("case '" + kind + "'")).toList();
    }

    private static EventMessage message(long seq, RoomEvent event) {
        return new EventMessage(seq, event.at().toString(), event.kind(), EventForm.of(event, EventForm.PUBLIC),
                "0".repeat(64));
    }

    /** An instance of an event type with plain values for every component: a party of the agenda, empty lists. */
    static RoomEvent sample(Class<?> kind) throws ReflectiveOperationException {
        RecordComponent[] components = kind.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i]);
        }
        return (RoomEvent) kind.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object value(RecordComponent component) {
        Class<?> type = component.getType();
        String name = component.getName();
        if (type == String.class) {
            return switch (name) {
                case "party" -> "anna";
                case "roomId" -> "r";
                case "to", "improves", "commitment", "salt", "reason", "text" -> null;
                default -> "x1";
            };
        }
        if (type == int.class || type == Integer.class) return name.equals("band") ? 500 : 1;
        if (type == long.class) return 1L;
        if (type == boolean.class) return false;
        if (type == Instant.class) return Instant.EPOCH;
        if (type == Agenda.class) return AGENDA;
        if (type == Package.class) return Package.EMPTY;
        if (type == PrivacyLevel.class) return PrivacyLevel.DEFAULT;
        if (type == List.class) return new ArrayList<>();
        if (type == Map.class) {
            return component.getGenericType() instanceof ParameterizedType ? null : Map.of();
        }
        return null;
    }
}
