package negotiation.webclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import negotiation.Json;
import negotiation.Server;
import negotiation.readmodel.RoomView;
import negotiation.readmodel.Viewer;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.DataDirectories;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import negotiation.web.Limits;
import negotiation.wire.EventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser's fold is held to the server's: the web client's reducer ({@code web-client/js/reduce.js},
 * as the server serves it, run in Node by {@code src/test/resources/conformance/fold.mjs} the way the
 * app's store runs it) and {@link RoomView#fold} give the same room view after every event of every
 * recorded log. The logs are each role's events as a real server presents them
 * ({@code GET /api/rooms/{id}/events?after=0}, and each socket's live stream): the golden log (every
 * event kind, erasure included), and every scenario of src/test/resources/scenarios played anew with
 * notes in and out of caucus, offers, a withdrawal, trades, rejections, suggestions, amendments (one
 * agreed, one left stale), agreements on a proposal, a trade and a suggestion, unseals and erasures,
 * each log taken after every move, so before and after every unseal and erasure.
 *
 * <p>The browser keeps some UI state the server's view does not have, and the server's view two
 * members the browser keeps elsewhere: both are removed before comparing, and are listed here.
 */
@ExtendWith(BlockedThreadWatch.class)
class BrowserFoldConformanceTest {
    /**
     * Members only the browser's view has: {@code packages} (every package ever on the table, by
     * ref), {@code withdrawn} (ref to the party that withdrew it; the server marks the offer itself,
     * which the browser does too), {@code reasons} (a rejection's reason, by ref and party),
     * {@code yardsticks} and {@code coarsened} (the latest round's, copied from its event),
     * {@code roundSafeOffers} and {@code roundSeq} (the latest public round's safe offers and seq, kept
     * while an improvement round follows), {@code improvementRound} (the latest search for an
     * improvement, found or not), {@code actedSeq} (the seq of the viewer's latest own move, for the
     * advice) and {@code acceptedAt} (when each party accepted each ref, for the agreement document).
     */
    static final List<String> BROWSER_ONLY = List.of("packages", "withdrawn", "reasons", "yardsticks", "coarsened",
            "roundSafeOffers", "roundSeq", "improvementRound", "actedSeq", "acceptedAt");
    /**
     * Members only the browser adds to the entries of a list: the round, seq and agenda version of
     * a proposal, the time and agenda version of an offer or a suggestion (and a suggestion's party,
     * always the mediator), an amendment's time, and the agenda a party's interests were entered on.
     */
    static final Map<String, List<String>> BROWSER_ONLY_IN = Map.of(
            "proposals", List.of("round", "seq", "agendaVersion"),
            "offers", List.of("at", "agendaVersion"),
            "suggestions", List.of("party", "at", "agendaVersion"),
            "amendments", List.of("at"),
            "parties", List.of("agendaVersion"));
    /** Members only the server's view has: the store keeps the room id itself, and does not show the head hash. */
    static final List<String> SERVER_ONLY = List.of("roomId", "head");

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Path RUNNER = Path.of("src/test/resources/conformance/fold.mjs");

    @TempDir
    Path data;

    /** One role's events at one moment, and the server's view of the room for that role at that moment. */
    record Log(String name, String roomId, String role, ArrayNode events, JsonNode serverView) {
    }

    @Test
    void theBrowserFoldsTheGoldenLogAsTheServerDoes() throws Exception {
        DataDirectories.copy(GOLDEN.resolve("data"), data);
        List<Log> logs = new ArrayList<>();
        try (Server server = Server.start(new Server.Settings(0, data, 100, Limits.DEFAULTS));
             RoomClient client = new RoomClient(server.port())) {
            for (JsonNode room : Json.MAPPER.readTree(GOLDEN.resolve("rooms.json").toFile())) {
                for (String role : List.of("anna", "beth", "mediator")) {
                    logs.add(read(client, "golden " + room.get("name").asText(), room.get("roomId").asText(),
                            room.get("invites").get(role).asText(), role));
                }
            }
        }
        assertConform(logs);
    }

    @Test
    void theBrowserFoldsEveryScenarioPlayedAnewAsTheServerDoes() throws Exception {
        List<Log> logs = new ArrayList<>();
        try (Server server = Server.start(new Server.Settings(0, data, 3));
             RoomClient client = new RoomClient(server.port())) {
            logs.addAll(orangeAgreedOnAProposal(new Recording(client, "orange",
                    Map.of("privacy", Map.of("band", 0), "names", Map.of("anna", "Anna K.")))));
            logs.addAll(posAgreedOnATrade(new Recording(client, "pos-system", Map.of())));
            logs.addAll(priceOnlyAgreedOnASuggestion(new Recording(client, "pos-price-only", Map.of())));
        }
        Set<String> kinds = new TreeSet<>();
        logs.forEach(log -> log.events().forEach(event -> kinds.add(event.get("kind").asText())));
        assertEquals(Set.of("RoomCreated", "InterestsSubmitted", "ProposalsComputed", "OfferMade", "TradeProposed",
                "Accepted", "Rejected", "AgreementReached", "NoteAdded", "InterestsUnsealed", "PrivateDataErased",
                "AmendmentProposed", "AgendaAmended", "Withdrawn", "MediatorSuggested", "PrivacyNarrowed"), kinds,
                "the played logs hold every event kind");
        Set<String> rules = new TreeSet<>();
        logs.stream().filter(log -> log.serverView() != null && log.serverView().get("agreement").isObject())
                .forEach(log -> rules.add(log.serverView().at("/agreement/rule").asText()));
        assertEquals(Set.of("balanced", "conditional trade by seller on o2", "suggestion by a mediator"), rules,
                "agreements on a proposal, a trade and a suggestion");
        assertConform(logs);
    }

    /** The orange, at the exact privacy level and with a display name: caucus notes both ways, an offer withdrawn, a suggestion rejected, an agreement on a proposal, an unseal, an erasure and interests sent again. */
    private static List<Log> orangeAgreedOnAProposal(Recording room) {
        JsonNode interests = Scenarios.json("orange").get("interests");
        room.move("mediator", "note", "text", "What is the peel for?", "to", "anna");
        room.move("beth", "note", "text", "I only need the peel.", "to", "mediator");
        room.move("anna", "note", "text", "Hello.");
        room.move("anna", "submitInterests", "interests", interests.get("anna"));
        room.move("beth", "submitInterests", "interests", interests.get("beth"));
        room.move("anna", "offer", "package", Map.of("juice", "anna", "peel", "anna"));
        room.move("anna", "withdraw", "ref", "o1");
        room.move("mediator", "suggest", "package", Map.of("juice", "half each", "peel", "half each"),
                "text", "Share it all.");
        room.move("beth", "reject", "ref", "m1", "reason", "I need all the peel");
        room.move("beth", "unseal");
        room.move("anna", "accept", "ref", "p1-1");
        room.move("beth", "accept", "ref", "p1-1");
        room.erase("beth");
        room.move("beth", "submitInterests", "interests", interests.get("beth"));
        room.move("beth", "unseal");
        return room.finish();
    }

    /** The point-of-sale system: both narrow their bands, offers, a trade agreed, a rejection, a suggestion, amendments (one agreed, one stale), an erasure. */
    private static List<Log> posAgreedOnATrade(Recording room) {
        JsonNode interests = Scenarios.json("pos-system").get("interests");
        room.move("buyer", "narrowPrivacy", "band", 1000);
        room.move("buyer", "submitInterests", "interests", interests.get("buyer"));
        room.move("seller", "submitInterests", "interests", interests.get("seller"));
        room.move("seller", "narrowPrivacy", "band", 0);
        room.move("seller", "offer", "package", Map.of("price", 5400, "support", "none", "training", "not included",
                "payment", "upfront"));
        room.move("buyer", "offer", "package", Map.of("price", 4900, "support", "1 year", "training", "included",
                "payment", "upfront"));
        room.move("seller", "trade", "on", "o2", "give", Map.of("payment", "3 instalments over 6 months"),
                "get", Map.of("price", 5000),
                "terms", List.of(Map.of("if", "uptime below 99.5% in a month", "then", "10% service credit")));
        room.move("buyer", "reject", "ref", "o1", "reason", "too expensive");
        room.move("seller", "note", "text", "we could stretch to 6 months", "to", "mediator");
        room.move("mediator", "suggest", "package", Map.of("price", 5000, "support", "6 months", "training", "included",
                "payment", "upfront"), "text", "a single text to work on");
        room.move("buyer", "unseal");
        room.move("buyer", "accept", "ref", "t1");
        room.move("seller", "amend", "changes", List.of(Map.of("addIssue",
                Map.of("id", "warranty", "label", "Warranty", "options", List.of("1 year", "2 years")))),
                "reason", "the hardware wears");
        room.move("buyer", "amend", "changes", List.of(Map.of("addIssue",
                Map.of("id", "delivery", "label", "Delivery", "options", List.of("pick-up", "installed")))),
                "reason", "someone has to install it");
        room.move("buyer", "accept", "ref", "a1");
        room.erase("buyer");
        return room.finish();
    }

    /** The seeds' case: no zone of agreement on price alone, the agenda widened, round 2, a suggestion agreed, both unsealed, the seller erased. */
    private static List<Log> priceOnlyAgreedOnASuggestion(Recording room) {
        JsonNode scenario = Scenarios.json("pos-price-only");
        room.move("buyer", "submitInterests", "interests", scenario.at("/interests/buyer"));
        room.move("seller", "submitInterests", "interests", scenario.at("/interests/seller"));
        room.move("buyer", "offer", "package", Map.of("price", 4900));
        room.move("seller", "amend", "changes", scenario.at("/amendment/changes"),
                "reason", scenario.at("/amendment/reason").asText());
        room.move("buyer", "accept", "ref", "a1");
        room.move("buyer", "submitInterests", "interests", scenario.at("/interestsAfterAmendment/buyer"));
        room.move("seller", "submitInterests", "interests", scenario.at("/interestsAfterAmendment/seller"));
        room.move("mediator", "note", "text", "Round 2 has packages you both accept.");
        room.move("seller", "unseal");
        room.move("mediator", "suggest", "package", Map.of("price", 5000, "support", "6 months", "training", "included",
                "payment", "upfront"), "text", "a single text to work on");
        room.move("buyer", "accept", "ref", "m1");
        room.move("seller", "accept", "ref", "m1");
        room.move("buyer", "unseal");
        room.erase("seller");
        return room.finish();
    }

    /** A room played over real sockets, one per role; after every move, each role's log and view are read. */
    private static final class Recording {
        private final RoomClient client;
        private final String scenario;
        private final RoomClient.Room room;
        private final Map<String, RoomClient.Socket> sockets = new LinkedHashMap<>();
        private final List<Log> logs = new ArrayList<>();

        /** A room on the scenario's agenda, with {@code settings} (privacy, names) added to its creation. */
        Recording(RoomClient client, String scenario, Map<String, Object> settings) {
            this.client = client;
            this.scenario = scenario;
            ObjectNode body = (ObjectNode) Scenarios.json(scenario);
            settings.forEach((name, value) -> body.set(name, Json.MAPPER.valueToTree(value)));
            HttpAnswer created = client.post("/api/rooms", body.toString());
            assertEquals(201, created.status(), created.body());
            this.room = new RoomClient.Room(created.json().get("roomId").asText(), created.json().get("invites"));
            List<String> roles = new ArrayList<>();
            Scenarios.json(scenario).get("parties").forEach(party -> roles.add(party.asText()));
            roles.add("mediator");
            for (String role : roles) {
                RoomClient.Socket socket = client.connect(room, role);
                socket.acked(socket.send("hello", "after", 0));
                sockets.put(role, socket);
            }
        }

        void move(String role, String type, Object... fields) {
            RoomClient.Socket socket = sockets.get(role);
            socket.acked(socket.send(type, fields));
            readEveryRole();
        }

        void erase(String party) {
            HttpAnswer erased = client.delete("/api/rooms/" + room.id() + "/parties/" + party + "/private",
                    room.token(party));
            assertEquals(204, erased.status(), erased.body());
            readEveryRole();
        }

        private void readEveryRole() {
            for (String role : sockets.keySet()) {
                logs.add(read(client, scenario + " after seq " + client.lastSeq(room), room.id(), room.token(role), role));
            }
        }

        /** The logs read after each move, and each socket's live stream as it arrived (never rebuilt). */
        List<Log> finish() {
            for (Map.Entry<String, RoomClient.Socket> socket : sockets.entrySet()) {
                long last = client.lastSeq(room);
                socket.getValue().eventAt(last);
                ArrayNode live = Json.MAPPER.createArrayNode();
                socket.getValue().events().forEach(live::add);
                logs.add(new Log(scenario + " live", room.id(), socket.getKey(), live, null));
                socket.getValue().close();
            }
            return logs;
        }
    }

    /** A role's events and view now, as the server presents them. */
    private static Log read(RoomClient client, String name, String roomId, String token, String role) {
        String path = "/api/rooms/" + roomId;
        return new Log(name, roomId, role, (ArrayNode) ok(client.get(path + "/events?after=0", token)),
                ok(client.get(path, token)));
    }

    private static JsonNode ok(HttpAnswer answer) {
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    /**
     * Folds every log in Java and in the browser's reducer and compares the views after every
     * event; a log's full fold must also be the view the server serves for that role.
     */
    private static void assertConform(List<Log> logs) throws Exception {
        JsonNode browser = foldInBrowserReducer(logs);
        int views = 0;
        for (int l = 0; l < logs.size(); l++) {
            Log log = logs.get(l);
            List<EventMessage> events = new ArrayList<>();
            log.events().forEach(event -> events.add(Json.MAPPER.convertValue(event, EventMessage.class)));
            for (int n = 1; n <= events.size(); n++) {
                JsonNode server = asParsedJson(RoomView.fold(log.roomId(), new Viewer(log.role()), events.subList(0, n)));
                if (n == events.size() && log.serverView() != null) {
                    assertSame(log.serverView(), server, log, n, "the served view and RoomView.fold of the served events");
                }
                assertSame(serverProjection(server), browserProjection(browser.get(l).get(n - 1)), log, n,
                        "RoomView.fold (expected) and reduce.js (actual)");
                views++;
            }
        }
        assertTrue(views > logs.size(), "views compared: " + views);
    }

    /** Runs fold.mjs in Node over every log at once; per log, the browser's view after each event. */
    private static JsonNode foldInBrowserReducer(List<Log> logs) throws IOException, InterruptedException,
            URISyntaxException {
        ArrayNode input = Json.MAPPER.createArrayNode();
        for (Log log : logs) {
            ObjectNode entry = input.addObject().put("role", log.role());
            entry.set("events", log.events());
        }
        Path reducer = Path.of(BrowserFoldConformanceTest.class.getResource("/webroot/js/reduce.js").toURI());
        Process node = new ProcessBuilder("node", RUNNER.toString(), reducer.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream stdin = node.getOutputStream()) {
            stdin.write(Json.MAPPER.writeValueAsBytes(input));
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node did not finish");
        assertEquals(0, node.exitValue(), "node failed (see its stderr above)");
        JsonNode folded = Json.MAPPER.readTree(output);
        assertEquals(logs.size(), folded.size(), "one fold per log");
        return folded;
    }

    /** The Java view as JSON text parsed again, so its numbers are typed as the browser's are. */
    private static JsonNode asParsedJson(Object view) throws IOException {
        return Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(view));
    }

    private static JsonNode serverProjection(JsonNode view) {
        ObjectNode copy = view.deepCopy();
        copy.remove(SERVER_ONLY);
        return copy;
    }

    private static JsonNode browserProjection(JsonNode view) {
        ObjectNode copy = view.deepCopy();
        copy.remove(BROWSER_ONLY);
        BROWSER_ONLY_IN.forEach((list, members) -> copy.path(list).forEach(entry -> ((ObjectNode) entry).remove(members)));
        return copy;
    }

    private static void assertSame(JsonNode expected, JsonNode actual, Log log, int n, String what) {
        String difference = difference("", expected, actual);
        if (difference != null) {
            fail(log.name() + ", " + log.role() + "'s log, view after event " + n + " ("
                    + log.events().get(n - 1).get("kind").asText() + "): " + what + " differ at " + difference);
        }
    }

    /** The first place two JSON values differ, with both values, or null when they are equal. */
    private static String difference(String path, JsonNode expected, JsonNode actual) {
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String inner = difference(path + "/" + name, expected.path(name), actual.path(name));
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            Iterator<JsonNode> a = actual.elements();
            int i = 0;
            for (JsonNode e : expected) {
                String inner = difference(path + "/" + i++, e, a.next());
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        boolean same = expected.isNumber() && actual.isNumber()
                ? expected.decimalValue().compareTo(actual.decimalValue()) == 0 : expected.equals(actual);
        return same ? null : (path.isEmpty() ? "/" : path) + ": expected " + shown(expected) + ", got " + shown(actual);
    }

    private static String shown(JsonNode value) {
        return value.isMissingNode() ? "(absent)" : value.toString();
    }
}
