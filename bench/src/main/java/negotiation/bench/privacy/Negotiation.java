package negotiation.bench.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import negotiation.Json;
import negotiation.engine.Engine;
import negotiation.engine.PartyProfile;
import negotiation.events.Agenda;
import negotiation.events.Interests;
import negotiation.events.Issue;
import negotiation.room.AgendaOptions;
import negotiation.room.InterestsRules;

/**
 * One bench agenda with each party's true interests (their floors are the reservation points),
 * and every package enumerated: the bench's agendas are small enough.
 */
record Negotiation(String name, Agenda agenda, AgendaOptions options, List<Interests> interests, List<int[]> packages) {

    static Negotiation of(String name, Agenda agenda, List<Interests> interests) {
        AgendaOptions options = new AgendaOptions(agenda);
        List<int[]> packages = new ArrayList<>();
        int[] counts = options.optionCounts();
        int[] pkg = new int[counts.length];
        while (true) {
            packages.add(pkg.clone());
            int issue = counts.length - 1;
            while (issue >= 0 && ++pkg[issue] == counts[issue]) pkg[issue--] = 0;
            if (issue < 0) break;
        }
        return new Negotiation(name, agenda, options, List.copyOf(interests), packages);
    }

    PartyProfile profile(int party) {
        return InterestsRules.compile(options, interests.get(party));
    }

    PartyProfile profile(Interests someInterests) {
        return InterestsRules.compile(options, someInterests);
    }

    int utility(int party, int[] pkg) {
        return Engine.utility(profile(party), pkg);
    }

    /** The party's interests with another floor. */
    Interests withFloor(int party, int floor) {
        Interests i = interests.get(party);
        return new Interests(i.weights(), i.values(), floor, i.limits(), i.aspiration());
    }

    /** The two-party scenarios of the test resources (both orientations are used by the caller). */
    static List<Negotiation> scenarios(Path directory) throws IOException {
        List<Negotiation> list = new ArrayList<>();
        if (!Files.isDirectory(directory)) return list;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                ObjectNode node = (ObjectNode) Json.MAPPER.readTree(file.toFile());
                JsonNode interests = node.remove("interests");
                Agenda agenda = Json.MAPPER.convertValue(node, Agenda.class);
                if (agenda.parties().size() != 2 || interests == null) continue;
                List<Interests> byParty = new ArrayList<>();
                for (String party : agenda.parties()) byParty.add(Json.MAPPER.convertValue(interests.get(party), Interests.class));
                list.add(of(file.getFileName().toString().replace(".json", ""), agenda, byParty));
            }
        }
        return list;
    }

    /**
     * A seeded random two-party agenda: 2 to 4 options issues of 2 to 5 options, weights summing
     * to 100, values on a grid of 10, reservation floors between 40 % and 65 % of each party's best.
     */
    static Negotiation random(long seed) {
        Random random = new Random(seed);
        int issueCount = 2 + random.nextInt(3);
        List<Issue> issues = new ArrayList<>();
        for (int i = 0; i < issueCount; i++) {
            List<String> names = new ArrayList<>();
            int options = 2 + random.nextInt(4);
            for (int o = 0; o < options; o++) names.add("o" + o);
            issues.add(new Issue("i" + i, null, null, names, null));
        }
        Agenda agenda = new Agenda("random " + seed, List.of("a", "b"), issues);
        List<Interests> interests = new ArrayList<>();
        for (int party = 0; party < 2; party++) {
            Map<String, Integer> weights = new LinkedHashMap<>();
            int left = 100;
            for (int i = 0; i < issueCount; i++) {
                int w = i == issueCount - 1 ? left : random.nextInt(left + 1);
                weights.put("i" + i, w);
                left -= w;
            }
            Map<String, Object> values = new HashMap<>();
            int best = 0;
            for (int i = 0; i < issueCount; i++) {
                Map<String, Integer> byOption = new HashMap<>();
                int max = 0;
                for (String option : issues.get(i).options()) {
                    int v = 10 * random.nextInt(11);
                    byOption.put(option, v);
                    max = Math.max(max, v);
                }
                values.put("i" + i, byOption);
                best += weights.get("i" + i) * max;
            }
            int floor = best * (40 + random.nextInt(26)) / 100;
            interests.add(new Interests(weights, values, floor, null, null));
        }
        return of("random-" + seed, agenda, interests);
    }

    /**
     * A seeded agenda drawn like the rooms' real ones: 2 to 4 issues of 2 to 4 options, most of
     * them opposed (one party's best option is the other's worst, values spread evenly), some
     * shared (both prefer the same option), weights unequal between the parties (what makes
     * trades worth making), reservation floors between 40 % and 65 % of each party's best. The
     * frontier is sparse: a few dozen packages at most.
     */
    static Negotiation realistic(long seed) {
        Random random = new Random(seed);
        int issueCount = 2 + random.nextInt(3);
        List<Issue> issues = new ArrayList<>();
        int[] optionCounts = new int[issueCount];
        boolean[] shared = new boolean[issueCount];
        for (int i = 0; i < issueCount; i++) {
            optionCounts[i] = 2 + random.nextInt(3);
            shared[i] = i > 0 && random.nextInt(5) == 0;
            List<String> names = new ArrayList<>();
            for (int o = 0; o < optionCounts[i]; o++) names.add("o" + o);
            issues.add(new Issue("i" + i, null, null, names, null));
        }
        Agenda agenda = new Agenda("realistic " + seed, List.of("a", "b"), issues);
        List<Interests> interests = new ArrayList<>();
        for (int party = 0; party < 2; party++) {
            int[] raw = new int[issueCount];
            int total = 0;
            for (int i = 0; i < issueCount; i++) {
                raw[i] = 1 + random.nextInt(10);
                total += raw[i];
            }
            Map<String, Integer> weights = new LinkedHashMap<>();
            int left = 100;
            for (int i = 0; i < issueCount; i++) {
                int w = i == issueCount - 1 ? left : 100 * raw[i] / total;
                weights.put("i" + i, w);
                left -= w;
            }
            Map<String, Object> values = new HashMap<>();
            int best = 0;
            for (int i = 0; i < issueCount; i++) {
                Map<String, Integer> byOption = new LinkedHashMap<>();
                for (int o = 0; o < optionCounts[i]; o++) {
                    int rising = 100 * o / (optionCounts[i] - 1);
                    int v = shared[i] || party == 0 ? rising : 100 - rising;
                    byOption.put("o" + o, v);
                }
                values.put("i" + i, byOption);
                best += weights.get("i" + i) * 100;
            }
            int floor = best * (40 + random.nextInt(26)) / 100;
            interests.add(new Interests(weights, values, floor, null, null));
        }
        return of("realistic-" + seed, agenda, interests);
    }

    /** The same agenda and interests under another name, with these reservation floors. */
    Negotiation withReservation(String newName, int... floors) {
        List<Interests> changed = new ArrayList<>();
        for (int party = 0; party < interests.size(); party++) {
            Interests i = interests.get(party);
            changed.add(new Interests(i.weights(), i.values(), floors[party], i.limits(), i.aspiration()));
        }
        return new Negotiation(newName, agenda, options, changed, packages);
    }
}
