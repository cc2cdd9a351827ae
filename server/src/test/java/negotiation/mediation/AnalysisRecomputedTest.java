package negotiation.mediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import negotiation.Json;
import negotiation.support.BlockedThreadWatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every figure of a mediator's session analysis, recomputed here from the exported log alone by
 * docs/analysis.md's one rule (a package valued under the interests and on the agenda in force at
 * the event that put it on the table; a move's change the sum of its lines), with a utility
 * function written out again from the interests' definition: weight x value, range values linear
 * and rounded half up, an issue a package does not name worth 0. The session ({@link DeskSession})
 * has an amendment, new interests, a rejected suggestion, a trade and an accepted improvement.
 */
@ExtendWith(BlockedThreadWatch.class)
class AnalysisRecomputedTest {
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

    /** The log read event by event: the agenda and each party's interests in force after each seq. */
    static final class Log {
        final List<JsonNode> events = new ArrayList<>();
        final Map<Long, JsonNode> agendaAt = new HashMap<>();
        final Map<Long, Integer> agendaVersionAt = new HashMap<>();
        final Map<Long, Map<String, JsonNode>> interestsAt = new HashMap<>();
        final Map<Long, Map<String, Integer>> versionsAt = new HashMap<>();
        final Map<String, JsonNode> byRef = new HashMap<>();

        Log(String export) throws Exception {
            JsonNode issues = null;
            int agendaVersion = 1;
            Map<String, JsonNode> interests = new TreeMap<>();
            Map<String, Integer> versions = new TreeMap<>();
            for (String line : export.split("\n")) {
                JsonNode event = Json.MAPPER.readTree(line);
                if (!event.has("kind")) {
                    continue; // the header
                }
                events.add(event);
                JsonNode d = event.get("data");
                switch (event.get("kind").asText()) {
                    case "RoomCreated" -> issues = d.get("issues");
                    case "AgendaAmended" -> {
                        issues = d.at("/agenda/issues");
                        agendaVersion = d.get("version").asInt();
                    }
                    case "InterestsSubmitted" -> {
                        if (d.has("interests")) {
                            interests.put(d.get("party").asText(), d.get("interests"));
                            versions.put(d.get("party").asText(), d.get("version").asInt());
                        }
                    }
                    default -> {
                    }
                }
                if (d.has("ref")) {
                    byRef.putIfAbsent(d.get("ref").asText(), event);
                }
                long seq = event.get("seq").asLong();
                agendaAt.put(seq, issues);
                agendaVersionAt.put(seq, agendaVersion);
                interestsAt.put(seq, new TreeMap<>(interests));
                versionsAt.put(seq, new TreeMap<>(versions));
            }
        }

        /** A party's points for one issue's option, under its interests at {@code seq}; 0 for an issue not named. */
        int points(long seq, String party, String issueId, JsonNode option) {
            JsonNode interests = interestsAt.get(seq).get(party);
            if (option == null || option.isNull() || option.isMissingNode()) {
                return 0;
            }
            JsonNode issue = null;
            for (JsonNode i : agendaAt.get(seq)) {
                issue = i.get("id").asText().equals(issueId) ? i : issue;
            }
            int weight = interests.at("/weights/" + issueId).asInt(0);
            JsonNode values = interests.at("/values/" + issueId);
            int value;
            if (values.isTextual()) {
                int min = issue.at("/range/min").asInt();
                int max = issue.at("/range/max").asInt();
                long distance = values.asText().equals("low") ? max - option.asInt() : option.asInt() - min;
                value = (int) Math.floor(100.0 * distance / (max - min) + 0.5);
            } else {
                value = values.path(option.asText()).asInt(0);
            }
            return weight * value;
        }

        /** A package's utility for a party under the interests and agenda in force at {@code seq}. */
        int utility(long seq, String party, JsonNode pkg) {
            int u = 0;
            for (JsonNode issue : agendaAt.get(seq)) {
                String id = issue.get("id").asText();
                u += points(seq, party, id, pkg.get(id));
            }
            return u;
        }

        long seqOf(String ref) {
            return byRef.get(ref).get("seq").asLong();
        }

        JsonNode packageOf(String ref) {
            return byRef.get(ref).at("/data/package");
        }
    }

    @Test
    void everyFigureOfTheAnalysisFollowsFromTheLogByOneRule() throws Exception {
        room.toFirstAgreement().acceptImprovement();
        Log log = new Log(room.export("mediator"));
        Path file = data.resolve("mediator.ndjson");
        Files.writeString(file, room.export("mediator"));
        JsonNode a = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(Replay.load(file).analysisAt(Long.MAX_VALUE)));
        JsonNode served = room.get("/analysis", "mediator").json();
        assertEquals(served, a, "the server's analysis is the offline one");
        List<String> parties = List.of("buyer", "seller");
        assertEquals(parties, names(a.get("visible")));

        // Utility paths: each point valued at its own event, and equal to what the event itself showed.
        int points = 0;
        for (String party : parties) {
            for (JsonNode p : a.at("/utilityPaths/" + party)) {
                long seq = p.get("seq").asLong();
                String ref = p.get("ref").asText();
                JsonNode pkg = "agreement".equals(p.get("kind").asText())
                        ? log.events.get((int) seq - 1).at("/data/package") : log.packageOf(ref);
                String where = party + " at #" + seq + " " + ref;
                assertEquals(log.utility(seq, party, pkg), p.get("utility").asInt(), where);
                assertEquals(log.events.get((int) seq - 1).at("/data/utilities/" + party).asInt(), p.get("utility").asInt(),
                        where + ": the analysis shows what the room showed");
                assertEquals(log.agendaVersionAt.get(seq).intValue(), p.get("agendaVersion").asInt(), where);
                assertEquals(log.versionsAt.get(seq).get(party).intValue(), p.get("interestsVersion").asInt(), where);
                points++;
            }
        }
        assertEquals(2 * 7, points, "o1, o2, t1, m1, o3 and the two agreements, for each party");

        // Moves: each line recomputed; a party's change is the sum of its lines.
        Map<String, String> previousOf = new HashMap<>();
        for (JsonNode m : a.get("concessions")) {
            long seq = m.get("seq").asLong();
            String ref = m.get("ref").asText();
            String author = m.get("party").asText();
            assertEquals(log.agendaVersionAt.get(seq).intValue(), m.get("agendaVersion").asInt(), ref);
            assertEquals(Json.MAPPER.valueToTree(log.versionsAt.get(seq)), m.get("interests"), ref);
            String previous = previousOf.put(author, ref);
            assertEquals(previous, m.get("previous").isNull() ? null : m.get("previous").asText(), ref);
            for (String party : parties) {
                assertEquals(log.utility(seq, party, log.packageOf(ref)), m.at("/utilities/" + party).asInt(), ref);
            }
            if (previous == null) {
                assertTrue(m.get("deltas").isNull(), ref);
                continue;
            }
            JsonNode before = log.packageOf(previous);
            JsonNode now = log.packageOf(ref);
            List<String> changed = new ArrayList<>();
            for (JsonNode issue : log.agendaAt.get(seq)) {
                String id = issue.get("id").asText();
                if (!now.path(id).equals(before.path(id))) {
                    changed.add(id);
                }
            }
            assertEquals(changed, m.get("changes").findValuesAsText("issue"), ref + ": one line per changed issue");
            for (String party : parties) {
                int sum = 0;
                for (JsonNode c : m.get("changes")) {
                    String id = c.get("issue").asText();
                    int worth = log.points(seq, party, id, now.get(id)) - log.points(seq, party, id, before.get(id));
                    assertEquals(worth, c.at("/worths/" + party).asInt(), ref + " " + id + " for " + party);
                    if (party.equals(author)) {
                        assertEquals(worth, c.get("worth").asInt(), ref + " " + id);
                    }
                    assertEquals(before.has(id) ? before.get(id) : null, c.get("from").isNull() ? null : c.get("from"),
                            ref + " " + id + ": an issue added since has no 'from'");
                    sum += worth;
                }
                long then = log.seqOf(previous);
                int revalued = log.utility(seq, party, before) - log.utility(then, party, before);
                assertEquals(revalued, m.path("revalued").path(party).asInt(0), ref + ": revalued for " + party);
                int delta = log.utility(seq, party, now) - log.utility(then, party, before);
                assertEquals(delta, m.at("/deltas/" + party).asInt(), ref + ": the change for " + party);
                assertEquals(delta, sum + revalued, ref + ": the lines add up for " + party);
            }
            if ("trade".equals(m.get("kind").asText())) {
                JsonNode trade = log.byRef.get(ref).get("data");
                assertEquals(trade.get("give"), m.at("/declared/give"), ref + ": what the trade gives");
                assertEquals(trade.get("get"), m.at("/declared/get"), ref + ": what the trade needs");
            }
        }
        assertEquals(List.of("o1", "o2", "t1", "m1", "o3"), a.get("concessions").findValuesAsText("ref"));
        JsonNode o3 = a.at("/concessions/4");
        assertEquals(List.of("price", "support", "golive"), o3.get("changes").findValuesAsText("issue"));
        assertTrue(o3.at("/changes/2/from").isNull(), "the go-live date, added since t1, is a line of its own");
        assertTrue(o3.at("/revalued/buyer").asInt() != 0 && o3.at("/revalued/seller").isMissingNode(),
                "the buyer's new interests revalue t1 for the buyer alone: " + o3);

        // Agreements: the improvement replaced the first; time to agreement is to the one in force.
        Instant start = Instant.parse(log.events.get(0).get("at").asText());
        JsonNode agreements = a.get("agreements");
        assertEquals(List.of("o3", "i1"), agreements.findValuesAsText("ref"));
        assertEquals("i1", agreements.at("/0/replacedBy").asText());
        assertEquals("o3", agreements.at("/1/replaces").asText());
        assertTrue(agreements.get(1).path("replacedBy").isMissingNode());
        assertEquals(agreements.get(1), a.get("agreement"), "the agreement in force");
        long i1Seq = agreements.at("/1/seq").asLong();
        assertEquals(Duration.between(start, Instant.parse(log.events.get((int) i1Seq - 1).get("at").asText())).toMillis(),
                a.get("timeToAgreementMillis").asLong());
        assertEquals(log.events.get((int) i1Seq - 1).at("/data/terms"), a.at("/agreement/terms"));
        for (String party : parties) {
            List<String> labels = new ArrayList<>();
            a.at("/utilityPaths/" + party).forEach(p -> labels.add(p.get("ref").asText() + ":" + p.get("kind").asText()
                    + (p.has("replacedBy") ? ">" + p.get("replacedBy").asText() : "")));
            assertEquals(List.of("o1:offer", "o2:offer", "t1:trade", "m1:suggestion", "o3:offer", "o3:agreement>i1",
                    "i1:agreement"), labels, party);
        }

        // Joint gain: the same valuations as the paths; the middle is the agreement document's middle.
        JsonNode gain = a.get("jointGain");
        assertEquals(log.agendaVersionAt.get(i1Seq).intValue(), gain.get("agendaVersion").asInt());
        assertEquals(Json.MAPPER.valueToTree(log.versionsAt.get(i1Seq)), gain.get("interests"));
        int agreedJoint = 0;
        for (String party : parties) {
            int u = log.utility(i1Seq, party, log.events.get((int) i1Seq - 1).at("/data/package"));
            assertEquals(u, gain.at("/agreement/utilities/" + party).asInt());
            agreedJoint += u;
        }
        assertEquals(agreedJoint, gain.at("/agreement/joint").asInt());
        assertEquals(List.of("seller", "buyer"), gain.get("firstOffers").findValuesAsText("party"));
        for (JsonNode first : gain.get("firstOffers")) {
            String ref = first.get("ref").asText();
            int joint = 0;
            for (String party : parties) {
                int u = log.utility(log.seqOf(ref), party, log.packageOf(ref));
                assertEquals(u, first.at("/utilities/" + party).asInt(), ref + ", as its path point");
                joint += u;
            }
            assertEquals(joint, first.get("joint").asInt());
            assertEquals(agreedJoint - joint, first.get("gain").asInt());
        }
        JsonNode middle = gain.get("split");
        Map<String, Object> middlePackage = new TreeMap<>();
        for (JsonNode issue : log.agendaAt.get(i1Seq)) {
            List<JsonNode> options = new ArrayList<>();
            if (issue.has("range")) {
                for (int x = issue.at("/range/min").asInt(); x <= issue.at("/range/max").asInt(); x += issue.at("/range/step").asInt()) {
                    options.add(Json.MAPPER.valueToTree(x));
                }
            } else {
                issue.get("options").forEach(options::add);
            }
            middlePackage.put(issue.get("id").asText(), options.get((options.size() - 1) / 2));
        }
        assertEquals(Json.MAPPER.valueToTree(middlePackage), middle.get("package"));
        int middleJoint = 0;
        JsonNode yardsticks = log.events.get((int) i1Seq - 1).at("/data/yardsticks");
        for (String party : parties) {
            int u = log.utility(i1Seq, party, middle.get("package"));
            assertEquals(u, middle.at("/utilities/" + party).asInt());
            assertEquals(yardsticks.at("/" + party + "/middle").asInt(), u,
                    "one meaning of middle: the agreement's own yardstick for " + party);
            middleJoint += u;
        }
        assertEquals(agreedJoint - middleJoint, middle.get("gain").asInt());

        // Counts: what the log holds, per party.
        assertEquals(1, a.at("/moves/seller/trades").asInt());
        assertEquals(2, a.at("/moves/seller/offers").asInt());
        assertEquals(2, a.at("/moves/buyer/rejects").asInt());
        assertEquals(1, a.at("/moves/seller/rejects").asInt());
    }

    static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            out.add(it.next().asText());
        }
        return out;
    }
}
