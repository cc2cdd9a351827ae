package negotiation.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import negotiation.Json;
import negotiation.Server;
import negotiation.support.DataDirectories;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import negotiation.web.Limits;

/**
 * Writes the golden log (see src/test/resources/golden/README.md): plays two rooms on a real
 * server over WebSockets, so that between them every event kind occurs, then stores the data
 * directory and, per room and role, what {@link GoldenLog#read} reads back. Run it only to
 * replace the golden log on purpose: the point of the golden log is that it was written by an
 * earlier build.
 */
public final class GoldenLogWriter {
    static final List<String> KINDS = List.of("RoomCreated", "InterestsSubmitted", "ProposalsComputed", "OfferMade",
            "TradeProposed", "Accepted", "Rejected", "AgreementReached", "NoteAdded", "InterestsUnsealed",
            "PrivateDataErased", "AmendmentProposed", "AgendaAmended", "Withdrawn", "MediatorSuggested");
    private static final Map<String, Object> HALF_HALF = Map.of("juice", "half each", "peel", "half each");
    private static final Map<String, Object> JUICE_ANNA_PEEL_BETH = Map.of("juice", "anna", "peel", "beth");

    private GoldenLogWriter() {
    }

    /**
     * With no argument, plays the rooms anew and rewrites everything: data directory, rooms and
     * expected views. With {@code --views}, keeps the committed data directory and rooms and
     * only reads the expected views again from it (for a deliberate addition to what clients see).
     * With {@code --analysis}, likewise but only the expected analyses (pinned after the views).
     */
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(GoldenLog.FOLDER);
        if (List.of(args).contains("--views") || List.of(args).contains("--analysis")) {
            Path copy = Files.createTempDirectory("golden");
            DataDirectories.copy(folder.resolve("data"), copy);
            JsonNode rooms = Json.MAPPER.readTree(folder.resolve("rooms.json").toFile());
            try (Server server = Server.start(new Server.Settings(0, copy, 100, Limits.DEFAULTS));
                 RoomClient client = new RoomClient(server.port())) {
                if (List.of(args).contains("--views")) {
                    writeViews(client, rooms, folder);
                }
                writeAnalyses(client, rooms, folder);
            }
            deleteTree(copy);
            return;
        }
        Path data = folder.resolve("data");
        deleteTree(data);
        ArrayNode rooms = Json.MAPPER.createArrayNode();
        try (Server server = Server.start(new Server.Settings(0, data, 100, Limits.DEFAULTS));
             RoomClient client = new RoomClient(server.port())) {
            rooms.add(room(client, "orange", GoldenLogWriter::everyMove));
            rooms.add(room(client, "no-zopa", GoldenLogWriter::noZopa));
            writeViews(client, rooms, folder);
            writeAnalyses(client, rooms, folder);
        }
        Files.delete(data.resolve("server.lock"));
        Files.writeString(folder.resolve("rooms.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(rooms) + "\n");
    }

    /** Reads every room as every role sees it into expected/, refusing a log without every event kind. */
    private static void writeViews(RoomClient client, JsonNode rooms, Path folder) throws IOException {
        Path expected = folder.resolve("expected");
        deleteTree(expected);
        Files.createDirectories(expected);
        Set<String> kinds = new TreeSet<>();
        for (JsonNode room : rooms) {
            for (String role : List.of("anna", "beth", "mediator")) {
                ObjectNode record = GoldenLog.read(client, room.get("roomId").asText(),
                        room.get("invites").get(role).asText());
                record.get("events").forEach(event -> kinds.add(event.get("kind").asText()));
                Files.writeString(expected.resolve(room.get("name").asText() + "-" + role + ".json"),
                        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(record) + "\n");
            }
        }
        if (!kinds.equals(new TreeSet<>(KINDS))) {
            throw new IllegalStateException("the golden log must hold every event kind; it holds " + kinds);
        }
        System.out.println("golden views written to " + expected.toAbsolutePath() + " with " + kinds.size() + " event kinds");
    }

    /** Reads the session analysis of every room as every role is given it into analysis/. */
    private static void writeAnalyses(RoomClient client, JsonNode rooms, Path folder) throws IOException {
        Path analyses = folder.resolve("analysis");
        deleteTree(analyses);
        Files.createDirectories(analyses);
        for (JsonNode room : rooms) {
            for (String role : List.of("anna", "beth", "mediator")) {
                JsonNode analysis = GoldenLog.analysis(client, room.get("roomId").asText(),
                        room.get("invites").get(role).asText());
                Files.writeString(analyses.resolve(room.get("name").asText() + "-" + role + ".json"),
                        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(analysis) + "\n");
            }
        }
    }

    /** Moves played in a room by a socket per role. */
    interface Play {
        void in(RoomClient.Socket anna, RoomClient.Socket beth, RoomClient.Socket mediator, Runnable eraseBeth);
    }

    private static ObjectNode room(RoomClient client, String name, Play play) {
        ObjectNode agenda = (ObjectNode) Scenarios.json("orange").deepCopy();
        agenda.remove("interests");
        HttpAnswer created = client.post("/api/rooms", agenda.toString());
        if (created.status() != 201) {
            throw new IllegalStateException("room not created: " + created.body());
        }
        ObjectNode room = Json.MAPPER.createObjectNode().put("name", name)
                .put("roomId", created.json().get("roomId").asText());
        room.set("invites", created.json().get("invites"));
        String id = room.get("roomId").asText();
        RoomClient.Socket anna = join(client, id, room.get("invites").get("anna").asText());
        RoomClient.Socket beth = join(client, id, room.get("invites").get("beth").asText());
        RoomClient.Socket mediator = join(client, id, room.get("invites").get("mediator").asText());
        play.in(anna, beth, mediator, () -> {
            HttpAnswer erased = client.delete("/api/rooms/" + id + "/parties/beth/private",
                    room.get("invites").get("beth").asText());
            if (erased.status() != 204) {
                throw new IllegalStateException("erasure refused: " + erased.body());
            }
        });
        anna.close();
        beth.close();
        mediator.close();
        return room;
    }

    /**
     * The orange: a round, notes (public and caucus both ways), an unseal, an offer withdrawn,
     * a trade rejected, an agreement on a dominated package and its improvement, a mediator's
     * suggestion and an amendment agreed. No erasure here: it would hide beth's interests and
     * utilities from every view of this room, earlier seqs included.
     */
    private static void everyMove(RoomClient.Socket anna, RoomClient.Socket beth, RoomClient.Socket mediator,
                                  Runnable eraseBeth) {
        JsonNode interests = Scenarios.json("orange").get("interests");
        anna.acked(anna.send("submitInterests", "interests", interests.get("anna")));
        beth.acked(beth.send("submitInterests", "interests", interests.get("beth")));
        anna.acked(anna.send("note", "text", "I only need the juice."));
        anna.acked(anna.send("note", "text", "I could live without the peel.", "to", "mediator"));
        mediator.acked(mediator.send("note", "text", "What is the peel for?", "to", "beth"));
        anna.acked(anna.send("unseal"));
        beth.acked(beth.send("offer", "package", Map.of("juice", "beth", "peel", "beth")));
        beth.acked(beth.send("withdraw", "ref", "o1"));
        anna.acked(anna.send("offer", "package", HALF_HALF,
                "terms", List.of(Map.of("if", "the orange is dry", "then", "we share another one"))));
        beth.acked(beth.send("trade", "on", "o2", "give", Map.of("juice", "anna"), "get", Map.of("peel", "beth")));
        anna.acked(anna.send("reject", "ref", "t1", "reason", "I want to think it over"));
        beth.acked(beth.send("accept", "ref", "o2")); // agreement on a dominated package: an improvement follows
        mediator.acked(mediator.send("suggest", "package", JUICE_ANNA_PEEL_BETH, "text", "Juice to anna, peel to beth."));
        anna.acked(anna.send("amend", "changes", List.of(Map.of("addIssue",
                Map.of("id", "seeds", "label", "Who keeps the seeds", "options", List.of("anna", "beth")))),
                "reason", "the seeds matter too"));
        beth.acked(beth.send("accept", "ref", "a1"));
    }

    /** Floors no package clears: a round without a zone of agreement; then beth erases its private data. */
    private static void noZopa(RoomClient.Socket anna, RoomClient.Socket beth, RoomClient.Socket mediator,
                               Runnable eraseBeth) {
        Map<String, Object> wantsJuice = Map.of("weights", Map.of("juice", 100, "peel", 0),
                "values", Map.of("juice", Map.of("anna", 100, "half each", 50, "beth", 0)), "floor", 9000);
        Map<String, Object> wantsJuiceToo = Map.of("weights", Map.of("juice", 100, "peel", 0),
                "values", Map.of("juice", Map.of("anna", 0, "half each", 50, "beth", 100)), "floor", 9000);
        anna.acked(anna.send("submitInterests", "interests", wantsJuice));
        beth.acked(beth.send("submitInterests", "interests", wantsJuiceToo));
        eraseBeth.run();
    }

    private static RoomClient.Socket join(RoomClient client, String roomId, String token) {
        RoomClient.Socket socket = client.connect(roomId, token);
        socket.acked(socket.send("hello", "after", 0));
        return socket;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
