package negotiation.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import negotiation.Json;
import negotiation.Server;
import negotiation.events.Private;
import negotiation.events.Privacy;
import negotiation.events.RoomEvent;
import negotiation.room.CaucusCommitment;
import negotiation.history.HashChain;
import negotiation.room.InterestsCommitment;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.DataDirectories;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import negotiation.web.Limits;
import negotiation.wire.EventMessage;
import negotiation.wire.eventdata.CaucusNoteData;
import negotiation.wire.eventdata.EventData;
import negotiation.wire.eventdata.InterestsSubmittedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Privacy is declared once, by {@link Private} on the contract's record components, and every
 * channel keeps to it. The test walks every record component reachable from the stored events
 * and the events' view data, and proves for each private one that it is (a) sealed at rest in a
 * real H2 store, (b) absent from the views of every role its declaration does not name and from
 * the public form, and (c) covered by a commitment where the hash chain covers it; and that a
 * component that looks private (by the names private data has had in this protocol) without the
 * declaration fails the test.
 */
@ExtendWith(BlockedThreadWatch.class)
class PrivacyDeclarationTest {
    /** The names private data has had in this protocol (the name lists the declaration replaced). */
    private static final Set<String> PRIVATE_LOOKING = Set.of("interests", "salt", "erased", "utility", "utilities",
            "outcome", "outcomes", "yardsticks", "text");
    /** Components that look private but are not declared so, each for a stated reason. */
    private static final Map<String, String> NOT_PRIVATE = Map.of(
            "NoteAddedData.text", "a note to the whole room: public",
            "MediatorSuggested.text", "a mediator's suggestion: public",
            "MediatorSuggestedData.text", "a mediator's suggestion: public");
    /** How each record type with owned private members (PARTY, CORRESPONDENTS) is committed to in the chain. */
    private static final Map<Class<?>, String> COMMITTED = Map.of(
            InterestsSubmittedData.class, "InterestsCommitment", CaucusNoteData.class, "CaucusCommitment");
    private static final List<String> ROLES = List.of("anna", "beth", "mediator");
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TempDir
    Path data;

    @Test
    void everyComponentThatLooksPrivateIsDeclaredPrivate() {
        List<String> undeclared = new ArrayList<>();
        int declared = 0;
        for (Class<?> type : contract()) {
            for (Privacy.Member m : Privacy.members(type)) {
                String name = type.getSimpleName() + "." + m.component().getName();
                if (m.isPrivate()) {
                    declared++;
                } else if (PRIVATE_LOOKING.contains(m.json()) && !NOT_PRIVATE.containsKey(name)) {
                    undeclared.add(name);
                }
            }
        }
        assertEquals(List.of(), undeclared, "components named like private data but not declared @Private");
        assertTrue(declared >= 20, "the contract declares its private components: " + declared);
    }

    @Test
    void everyPrivateComponentOfAStoredEventIsSealedAtRest() throws Exception {
        Map<String, List<String>> sealedByKind = new HashMap<>();
        Map<String, String> conditions = new HashMap<>();
        for (Class<?> type : RoomEvent.class.getPermittedSubclasses()) {
            List<String> names = Privacy.privateNames(type);
            if (!names.isEmpty()) {
                String kind = (String) type.getField("KIND").get(null);
                sealedByKind.put(kind, names);
                Privacy.members(type).stream().filter(Privacy.Member::isPrivate)
                        .forEach(m -> conditions.put(kind + "." + m.json(), m.declared().when()));
            }
        }
        assertFalse(sealedByKind.isEmpty(), "some stored event has private components");
        // What a view declares a party's own (PARTY) comes from the stored event: the store must seal it too.
        for (Class<?> type : RoomEvent.class.getPermittedSubclasses()) {
            String kind = (String) type.getField("KIND").get(null);
            Set<String> stored = new HashSet<>();
            Privacy.members(type).forEach(m -> stored.add(m.json()));
            for (Privacy.Member m : Privacy.members(EventData.typeOf(kind, false))) {
                if (m.isPrivate() && m.declared().value() == Private.Readers.PARTY && stored.contains(m.json())) {
                    assertTrue(sealedByKind.getOrDefault(kind, List.of()).contains(m.json()),
                            kind + "." + m.json() + " is private in every view, so it must be declared private at rest");
                }
            }
        }
        List<JsonNode> ownViews = new ArrayList<>();
        boolean safeOffersShown = false;
        RoomClient.Room room;
        try (Server server = Server.start(new Server.Settings(0, data, 2));
             RoomClient client = new RoomClient(server.port())) {
            room = client.openRoom("pos-system");
            for (String party : List.of("buyer", "seller")) {
                RoomClient.Socket socket = client.connect(room, party);
                socket.acked(socket.send("submitInterests", "interests", Scenarios.json("pos-system")
                        .at("/interests/" + party)));
                socket.acked(socket.send("note", "text", "caucus from " + party + ": my walk-away is private",
                        "to", "mediator"));
                socket.acked(socket.send("note", "text", "room note from " + party));
            }
            // A round in which a party is shown safe offers (walk-away points just under a package both accept;
            // the public round shows that package itself in about 2 rooms of 100, so a few rooms are opened).
            for (int attempt = 0; attempt < 5 && !safeOffersShown; attempt++) {
                RoomClient.Room close = client.openRoom("pos-system");
                long round = 0;
                for (String party : List.of("buyer", "seller")) {
                    com.fasterxml.jackson.databind.node.ObjectNode interests = Scenarios.json("pos-system")
                            .at("/interests/" + party).deepCopy();
                    interests.put("floor", party.equals("buyer") ? 5600 : 4100);
                    RoomClient.Socket socket = client.connect(close, party);
                    round = socket.acked(socket.send("submitInterests", "interests", interests)).get("seq").asLong();
                }
                for (String party : List.of("buyer", "seller")) {
                    JsonNode events = client.get("/api/rooms/" + close.id() + "/events?after=" + (round - 1),
                            close.token(party)).json();
                    safeOffersShown |= events.get(0).at("/data/safeOffers").isArray();
                }
            }
            for (String party : List.of("buyer", "seller")) {
                // Each party's own view holds the values of its private components, which the store must not.
                for (JsonNode event : client.get("/api/rooms/" + room.id() + "/events?after=0", room.token(party)).json()) {
                    if (sealedByKind.containsKey(event.get("kind").asText())
                            && party.equals(event.at("/data/party").asText())) {
                        ownViews.add(event);
                    }
                }
            }
        }
        String atRest = rawText(data);
        int checked = 0;
        for (JsonNode event : ownViews) {
            if (event.get("data").hasNonNull("commitment")) {
                assertTrue(atRest.contains(event.at("/data/commitment").asText()),
                        "control: the public members of the event are found in the store's bytes");
            }
            for (String name : sealedByKind.get(event.get("kind").asText())) {
                String when = conditions.get(event.get("kind").asText() + "." + name);
                if (!when.isEmpty() && !event.get("data").hasNonNull(when)) {
                    assertTrue(atRest.contains(event.at("/data/" + name).asText()),
                            "control: " + name + " is public without " + when + " and stored as it is: " + event);
                    continue;
                }
                JsonNode value = event.get("data").get(name);
                assertNotNull(value, "the owner's view shows " + name + " of " + event);
                for (String piece : pieces(value)) {
                    assertFalse(atRest.contains(piece), name + " of " + event.get("kind") + " is in clear at rest: " + piece);
                    checked++;
                }
            }
        }
        assertTrue(checked >= 8, "private values were looked for: " + checked);
        assertTrue(atRest.contains("\"sealed\""), "they are there, sealed");
        // A member held per party (EACH_PARTY) is stored only as a map of sealed entries, each under its party's key.
        assertTrue(safeOffersShown, "a round showed a party safe offers");
        java.util.regex.Matcher each = java.util.regex.Pattern.compile("\"safeOffers\":\\{([^}]*)").matcher(atRest);
        int maps = 0;
        while (each.find()) {
            assertTrue(each.group(1).matches("(\"[a-z0-9_-]+\":\\{\"sealed\":\"[A-Za-z0-9+/=]+\",\"generation\":\\d+,?)*"),
                    "safe offers at rest are sealed entries only: " + each.group(1));
            maps++;
        }
        assertTrue(maps >= 1, "safe offers are stored, sealed");
        assertFalse(atRest.contains("\"safeOffers\":{\"buyer\":["), "never in clear");

        // Sealed under the owner's key, they are erased with it: the buyer's caucus text, not its room note.
        try (Server server = Server.start(new Server.Settings(0, data, 2));
             RoomClient client = new RoomClient(server.port())) {
            String base = "/api/rooms/" + room.id();
            assertEquals(204, client.delete(base + "/parties/buyer/private", room.token("buyer")).status());
            Map<String, JsonNode> notes = new HashMap<>();
            client.get(base, room.token("mediator")).json().get("notes")
                    .forEach(note -> notes.put(note.get("party").asText() + (note.has("to") ? " caucus" : ""), note));
            assertFalse(notes.get("buyer caucus").has("text"), "the erased author's caucus text is gone: " + notes);
            assertEquals("caucus from seller: my walk-away is private", notes.get("seller caucus").get("text").asText());
            assertEquals("room note from buyer", notes.get("buyer").get("text").asText(), "a room note stays public");
        }
    }

    @Test
    void noRoleSeesWhatItsDeclarationDoesNotNameAndThePublicFormHoldsNoPrivateComponent() throws Exception {
        DataDirectories.copy(GOLDEN.resolve("data"), data);
        JsonNode rooms = Json.MAPPER.readTree(GOLDEN.resolve("rooms.json").toFile());
        Map<String, Integer> seen = new HashMap<>();
        int commitmentsOpened = 0;
        try (Server server = Server.start(new Server.Settings(0, data, 100, Limits.DEFAULTS));
             RoomClient client = new RoomClient(server.port())) {
            for (JsonNode room : rooms) {
                Map<String, List<JsonNode>> byRole = new HashMap<>();
                for (String role : ROLES) {
                    byRole.put(role, list(client.get("/api/rooms/" + room.get("roomId").asText() + "/events?after=0",
                            room.get("invites").get(role).asText()).json()));
                }
                Set<String> unsealed = unsealedNow(byRole.get("mediator"));
                String expectedName = room.get("name").asText();
                for (String role : ROLES) {
                    List<JsonNode> events = byRole.get(role);
                    JsonNode golden = Json.MAPPER.readTree(GOLDEN.resolve("expected")
                            .resolve(expectedName + "-" + role + ".json").toFile()).get("events");
                    String previous = HashChain.GENESIS;
                    for (int i = 0; i < events.size(); i++) {
                        JsonNode event = events.get(i);
                        Map<String, Object> json = Json.MAPPER.convertValue(event.get("data"), new TypeReference<>() {
                        });
                        String kind = event.get("kind").asText();
                        EventData typed = Json.MAPPER.convertValue(json, EventData.typeOf(kind, json.containsKey("to")));
                        assertEquals(typed, Json.MAPPER.convertValue(event, EventMessage.class).data(),
                                "an event message reads back with its data typed by its kind");
                        for (Found found : privateValues((Record) typed)) {
                            assertMayRead(role, found, unsealed, event);
                            seen.merge(role + " " + found.member().json(), 1, Integer::sum);
                        }
                        commitmentsOpened += opened(typed);
                        // (c) The chain covers the public form, the same from every role's view, and that form is
                        // what the build that wrote the golden log hashed: nothing private entered it.
                        String hash = HashChain.next(previous, event.get("seq").asLong(), event.get("at").asText(), kind,
                                json);
                        assertEquals(golden.get(i).get("hash").asText(), hash,
                                role + ": the public form of " + event + " is the golden log's");
                        previous = hash;
                        for (String other : ROLES) {
                            JsonNode same = byRole.get(other).get(i);
                            assertEquals(HashChain.canonicalText(i + 1, event.get("at").asText(), kind, json),
                                    HashChain.canonicalText(i + 1, same.get("at").asText(), kind,
                                            Json.MAPPER.convertValue(same.get("data"), new TypeReference<>() {
                                            })), "one public form for every role at seq " + (i + 1));
                        }
                    }
                }
            }
        }
        // Not vacuous: each party read its own interests and salt, and the mediator an unsealed party's.
        for (String expected : List.of("anna interests", "anna salt", "beth interests", "mediator interests",
                "anna utility", "mediator utilities", "anna text", "mediator text", "anna erased", "anna yardsticks")) {
            assertTrue(seen.getOrDefault(expected, 0) > 0, "no " + expected + " seen: " + new TreeSet<>(seen.keySet()));
        }
        assertTrue(commitmentsOpened >= 4, "commitments opened: " + commitmentsOpened);
    }

    @Test
    void everyOwnedPrivateComponentHasAPublicCommitmentBesideIt() {
        Set<Class<?>> owned = new LinkedHashSet<>();
        for (Class<?> type : EventData.class.getPermittedSubclasses()) {
            for (Privacy.Member m : Privacy.members(type)) {
                Private.Readers readers = m.isPrivate() ? m.declared().value() : null;
                if (readers == Private.Readers.PARTY || readers == Private.Readers.CORRESPONDENTS) {
                    owned.add(type);
                }
            }
        }
        assertEquals(COMMITTED.keySet(), owned, "the view data with owned private members, each with its commitment");
        for (Class<?> type : owned) {
            Map<String, Privacy.Member> byName = new HashMap<>();
            Privacy.members(type).forEach(m -> byName.put(m.json(), m));
            assertTrue(byName.containsKey("commitment") && !byName.get("commitment").isPrivate(),
                    type.getSimpleName() + " carries a public commitment, which the hash chain covers");
            assertTrue(byName.containsKey("salt") && byName.get("salt").isPrivate(),
                    type.getSimpleName() + " keeps the commitment's opening private");
        }
    }

    /** (b) One private value shown to a role: allowed only to the readers its declaration names. */
    private static void assertMayRead(String role, Found found, Set<String> unsealed, JsonNode event) {
        boolean mediator = role.equals("mediator");
        String what = role + " sees " + found.member().json() + " (" + found.member().declared().value() + ") in " + event;
        switch (found.member().declared().value()) {
            case PARTY -> {
                String owner = (String) component(found.holder(), "party");
                assertTrue(role.equals(owner) || mediator && unsealed.contains(owner), what);
            }
            case CORRESPONDENTS -> assertTrue(mediator || role.equals(component(found.holder(), "party"))
                    || role.equals(component(found.holder(), "to")), what);
            case VIEWER -> {
                // Per party (a map by party name) only for a mediator, and only of parties unsealed now; else a party's own.
                if (found.value() instanceof Map<?, ?> byParty && List.of("anna", "beth").containsAll(byParty.keySet())) {
                    assertTrue(mediator && unsealed.containsAll(byParty.keySet()), what);
                } else {
                    assertFalse(mediator, what);
                }
            }
            case ROLES -> {
                // every role may; the public form may not, which the golden hashes prove
            }
        }
    }

    /** (c) Opens the commitment of a view whose owned private members it shows; 1 when it did. */
    @SuppressWarnings("unchecked")
    private static int opened(EventData data) {
        if (data instanceof InterestsSubmittedData d && d.interests() != null && d.salt() != null) {
            assertEquals(d.commitment(), InterestsCommitment.of(d.salt(), Json.MAPPER.convertValue(d.interests(),
                    Map.class)), "the interests open their commitment: " + d);
            return 1;
        }
        if (data instanceof CaucusNoteData d && d.text() != null && d.salt() != null) {
            assertEquals(d.commitment(), CaucusCommitment.of(d.salt(), d.text()), "the text opens its commitment");
            return 1;
        }
        return 0;
    }

    private record Found(Privacy.Member member, Object value, Record holder) {
    }

    /** Every non-null private component of a record, nested records and lists of them included. */
    private static List<Found> privateValues(Record record) {
        List<Found> out = new ArrayList<>();
        for (Privacy.Member m : Privacy.members(record.getClass())) {
            Object value = component(record, m.component().getName());
            if (m.isPrivate() && value != null) {
                out.add(new Found(m, value, record));
            } else if (value instanceof Record nested) {
                out.addAll(privateValues(nested));
            } else if (value instanceof List<?> items) {
                items.stream().filter(Record.class::isInstance).forEach(r -> out.addAll(privateValues((Record) r)));
            }
        }
        return out;
    }

    private static Object component(Record record, String name) {
        try {
            return record.getClass().getMethod(name).invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(record.getClass().getSimpleName() + " has no " + name, e);
        }
    }

    /** The parties whose last unseal no erasure withdrew: those a mediator's view opens now. */
    private static Set<String> unsealedNow(List<JsonNode> events) {
        Set<String> out = new HashSet<>();
        for (JsonNode event : events) {
            switch (event.get("kind").asText()) {
                case "InterestsUnsealed" -> out.add(event.at("/data/party").asText());
                case "PrivateDataErased" -> out.remove(event.at("/data/party").asText());
                default -> {
                }
            }
        }
        return out;
    }

    /** Every record type of the contract: the stored events, the events' view data, and the records they hold. */
    private static Set<Class<?>> contract() {
        Set<Class<?>> out = new LinkedHashSet<>();
        List<Class<?>> todo = new ArrayList<>();
        todo.addAll(List.of(RoomEvent.class.getPermittedSubclasses()));
        todo.addAll(List.of(EventData.class.getPermittedSubclasses()));
        while (!todo.isEmpty()) {
            Class<?> type = todo.remove(todo.size() - 1);
            if (!type.isRecord() || !out.add(type)) {
                continue;
            }
            for (var component : type.getRecordComponents()) {
                collect(component.getGenericType(), todo);
            }
        }
        return out;
    }

    private static void collect(Type type, List<Class<?>> todo) {
        if (type instanceof Class<?> c) {
            todo.add(c);
        } else if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                collect(argument, todo);
            }
        }
    }

    /** The distinctive pieces of a private value as they would read in clear: a text, or each member of an object. */
    private static List<String> pieces(JsonNode value) {
        if (value.isTextual()) {
            return List.of(value.asText());
        }
        List<String> out = new ArrayList<>();
        ((ObjectNode) value).fields().forEachRemaining(member ->
                out.add("\"" + member.getKey() + "\":" + member.getValue()));
        return out;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /** Every file under the directory, as Latin-1 text so every byte maps to one char. */
    private static String rawText(Path directory) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        if (all.isEmpty()) {
            fail("no store under " + directory);
        }
        return all.toString();
    }
}
