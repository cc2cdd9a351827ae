package negotiation.mediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import negotiation.Json;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The room's hash chain end to end: exports of a real session verify offline, match the
 * server's head, break at the very seq where a line was altered, deleted or moved, and
 * replay to the same room views the server gives by time travel.
 */
@ExtendWith(BlockedThreadWatch.class)
class VerifiableHistoryTest {
    @TempDir
    Path data;
    @TempDir
    Path files;
    PosSession room;

    @BeforeEach
    void start() throws Exception {
        room = PosSession.open(data).negotiate(true);
    }

    @AfterEach
    void stop() throws Exception {
        room.close();
    }

    static ChainVerifier.Verification verify(String export) throws IOException {
        return ChainVerifier.verify(new BufferedReader(new StringReader(export)), event -> { });
    }

    static List<String> lines(String export) {
        return new ArrayList<>(Arrays.asList(export.split("\n")));
    }

    static String text(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    @Test
    void anExportVerifiedOfflineEndsAtTheServersHeadForEveryRole() throws IOException {
        String head = room.get("", "mediator").json().get("head").asText();
        assertEquals(64, head.length());
        List<String> hashes = null;
        for (String role : List.of("mediator", "buyer", "seller")) {
            String export = room.export(role);
            ChainVerifier.Verification v = verify(export);
            assertTrue(v.intact(), role + ": " + v.reason());
            assertEquals(14, v.verified());
            assertEquals(head, v.head(), "the chain of " + role + "'s export ends at the server's head");
            assertEquals(head, room.get("", role).json().get("head").asText(), "every role's room view shows the head");
            List<String> these = lines(export).stream().skip(1).map(l -> json(l).get("hash").asText()).toList();
            if (hashes != null) {
                assertEquals(hashes, these, "one chain, whichever role's view of the log it is computed from");
            }
            hashes = these;
        }
        assertEquals(hashes.get(4), room.get("/state?at=5", "buyer").json().get("head").asText(),
                "time travel shows the head as it stood then");
    }

    @Test
    void theWebSocketCarriesTheSameHashesAsTheExport() {
        RoomClient.Socket socket = room.join("seller");
        List<String> exported = lines(room.export("seller")).stream().skip(1).map(l -> json(l).get("hash").asText()).toList();
        assertEquals(exported, socket.events().stream().map(e -> e.get("hash").asText()).toList());
        socket.close();
    }

    @Test
    void alteringAnyLineBreaksTheChainAtThatSeq() throws IOException {
        List<String> original = lines(room.export("mediator"));
        for (int seq = 1; seq < original.size(); seq++) {
            List<String> altered = new ArrayList<>(original);
            ObjectNode line = (ObjectNode) json(altered.get(seq));
            line.put("at", line.get("at").asText().replace("Z", "1Z"));
            altered.set(seq, line.toString());
            ChainVerifier.Verification v = verify(text(altered));
            assertEquals(seq, v.brokenAt(), "altered at " + seq + ": " + v.reason());
            assertEquals(seq - 1, v.verified());
        }
        // Changing a word in the data, not just the time, breaks it too.
        List<String> altered = new ArrayList<>(original);
        altered.set(9, altered.get(9).replace("Both sides moved on price.", "Only the seller moved."));
        assertEquals(9, verify(text(altered)).brokenAt());
        // Rewriting a hash to fit the altered content moves the break to the next event.
        ObjectNode note = (ObjectNode) json(altered.get(9));
        note.put("hash", negotiation.history.HashChain.next(json(original.get(8)).get("hash").asText(), 9,
                note.get("at").asText(), "NoteAdded", Json.MAPPER.convertValue(note.get("data"), java.util.Map.class)));
        altered.set(9, note.toString());
        assertEquals(10, verify(text(altered)).brokenAt());
    }

    @Test
    void deletingAnyLineBreaksTheChainAtThatSeq() throws IOException {
        List<String> original = lines(room.export("buyer"));
        for (int seq = 1; seq < original.size(); seq++) {
            List<String> cut = new ArrayList<>(original);
            cut.remove(seq);
            ChainVerifier.Verification v = verify(text(cut));
            assertEquals(seq, v.brokenAt(), "deleted " + seq + ": " + v.reason());
        }
    }

    @Test
    void reorderingTwoLinesBreaksTheChainAtTheFirstOfThem() throws IOException {
        List<String> original = lines(room.export("seller"));
        for (int seq = 1; seq + 1 < original.size(); seq++) {
            List<String> swapped = new ArrayList<>(original);
            Collections.swap(swapped, seq, seq + 1);
            ChainVerifier.Verification v = verify(text(swapped));
            assertEquals(seq, v.brokenAt(), "swapped " + seq + " and " + (seq + 1) + ": " + v.reason());
        }
    }

    @Test
    void theVerifyCommandPrintsTheHeadOrTheBreakAndExitsAccordingly() throws IOException {
        String export = room.export("mediator");
        Path file = files.resolve("room.ndjson");
        Files.writeString(file, export);
        Output ok = run("verify", file.toString());
        assertEquals(0, ok.code, ok.err);
        assertTrue(ok.out.contains("head " + room.get("", "mediator").json().get("head").asText()), ok.out);

        List<String> lines = lines(export);
        lines.set(7, lines.get(7).replace("\"t1\"", "\"t2\""));
        Files.writeString(file, text(lines));
        Output broken = run("verify", file.toString());
        assertEquals(1, broken.code);
        assertTrue(broken.out.startsWith("BROKEN at seq 7: "), broken.out);
        assertEquals(2, run("verify", files.resolve("missing.ndjson").toString()).code);
    }

    @Test
    void replayOfAnExportEqualsTheServersStateAtEverySeq() throws IOException {
        for (String role : List.of("mediator", "buyer")) {
            Path file = files.resolve(role + ".ndjson");
            Files.writeString(file, room.export(role));
            Replay replay = Replay.load(file);
            assertTrue(replay.verification().intact());
            for (long seq = 1; seq <= replay.lastSeq(); seq++) {
                JsonNode server = room.get("/state?at=" + seq, role).json();
                JsonNode offline = json(Json.MAPPER.writeValueAsString(replay.stateAt(seq)));
                assertEquals(server, offline, role + " at " + seq);
            }
            assertEquals(room.get("/analysis", role).json(), json(Json.MAPPER.writeValueAsString(
                    replay.analysisAt(replay.lastSeq()))), "the analysis offline is the server's");
        }
    }

    @Test
    void theReplayCommandPrintsATimelineAndTheStateAtASeq() throws IOException {
        Path file = files.resolve("room.ndjson");
        Files.writeString(file, room.export("mediator"));
        Output timeline = run("replay", file.toString());
        assertEquals(0, timeline.code, timeline.err);
        assertTrue(timeline.out.contains("seller offers o1: price 5400, support none, training not included, "
                + "payment upfront | buyer 11.25 %, seller 82.50 %"), timeline.out);
        assertTrue(timeline.out.contains("against seller's previous position o1: price 5400 -> 5000 (buyer +22.50 points, "
                + "seller -35.00 points)"), timeline.out);
        assertTrue(timeline.out.contains("seller: 1 offer, 1 trade, 0 accepts, 0 rejects"), timeline.out);
        assertTrue(timeline.out.contains("AGREEMENT on t1"), timeline.out);
        Output at = run("replay", file.toString(), "--at", "6");
        assertEquals(0, at.code, at.err);
        assertTrue(at.out.contains("after event 6"), at.out);
        assertTrue(at.out.contains("offer o2 by buyer"), at.out);
        assertTrue(at.out.contains("agreement: none"), at.out);
        assertEquals(2, run("replay", file.toString(), "--at", "99").code);
    }

    @Test
    void aPartysExportHoldsNoOtherPartysPrivateData() throws IOException {
        Set<String> publicOnly = Set.of("party", "version", "commitment");
        for (String role : List.of("buyer", "seller")) {
            String other = role.equals("buyer") ? "seller" : "buyer";
            String export = room.export(role);
            String othersWeights = Json.MAPPER.writeValueAsString(
                    negotiation.support.Scenarios.json("pos-system").at("/interests/" + other + "/weights"));
            assertFalse(export.contains(othersWeights), role + "'s export holds " + other + "'s weights");
            assertFalse(export.contains("\"utilities\""), "only a mediator sees utilities per party");
            for (String line : lines(export).subList(1, 15)) {
                JsonNode event = json(line);
                if (event.get("kind").asText().equals("InterestsSubmitted")
                        && event.at("/data/party").asText().equals(other)) {
                    event.get("data").fieldNames().forEachRemaining(field ->
                            assertTrue(publicOnly.contains(field), role + " sees " + other + "'s " + field));
                }
            }
        }
    }

    @Test
    void theChainOutlivesAnErasure() throws IOException {
        String before = room.get("", "mediator").json().get("head").asText();
        assertEquals(204, room.client.delete("/api/rooms/" + room.roomId + "/parties/buyer/private", room.token("buyer"))
                .status());
        String export = room.export("mediator");
        ChainVerifier.Verification v = verify(export);
        assertTrue(v.intact(), v.reason());
        assertEquals(before, json(lines(export).get(14)).get("hash").asText(), "the hashes up to the erasure stand");
        assertNotEquals(before, v.head());
        assertTrue(json(lines(export).get(2)).at("/data/erased").asBoolean());
    }

    @Test
    void interestsThatDoNotOpenTheirCommitmentBreakTheChain() throws IOException {
        // The server commits to interests once the aggregate records a salt (docs/verifiable-history.md);
        // here the export is given commitments by hand and re-chained, as such a server would write it.
        List<String> lines = lines(room.export("mediator"));
        String previous = negotiation.history.HashChain.GENESIS;
        for (int seq = 1; seq < lines.size(); seq++) {
            ObjectNode line = (ObjectNode) json(lines.get(seq));
            if (line.get("kind").asText().equals("InterestsSubmitted")) {
                String salt = negotiation.room.InterestsCommitment.newSalt();
                ObjectNode data = (ObjectNode) line.get("data");
                data.put("commitment", negotiation.room.InterestsCommitment.of(salt,
                        Json.MAPPER.convertValue(data.get("interests"), java.util.Map.class)));
                data.put("salt", salt);
            }
            previous = negotiation.history.HashChain.next(previous, seq, line.get("at").asText(), line.get("kind").asText(),
                    Json.MAPPER.convertValue(line.get("data"), java.util.Map.class));
            line.put("hash", previous);
            lines.set(seq, line.toString());
        }
        ObjectNode header = (ObjectNode) json(lines.get(0));
        header.put("head", previous);
        lines.set(0, header.toString());
        assertTrue(verify(text(lines)).intact(), verify(text(lines)).reason());

        List<String> lowered = new ArrayList<>(lines);
        lowered.set(3, lowered.get(3).replace("\"floor\":2500", "\"floor\":2400"));
        assertNotEquals(lines.get(3), lowered.get(3));
        ChainVerifier.Verification v = verify(text(lowered));
        assertEquals(3, v.brokenAt());
        assertEquals("its interests do not match their commitment", v.reason());
    }

    @Test
    void exportsNeedAToken() {
        assertEquals(401, room.client.get("/api/rooms/" + room.roomId + "/export", null).status());
        assertEquals(401, room.client.get("/api/rooms/" + room.roomId + "/export", "not-a-token").status());
        assertEquals(404, room.client.get("/api/rooms/nosuchroom/export", room.token("buyer")).status());
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    record Output(int code, String out, String err) {
    }

    static Output run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = MediatorTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
