package negotiation.room;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import negotiation.commands.CreateRoom;
import negotiation.commands.RoomCommand;
import negotiation.commands.SubmitInterests;
import negotiation.engine.Engine;
import negotiation.engine.EngineLimits;
import negotiation.engine.PartyProfile;
import negotiation.events.Agenda;
import negotiation.events.Interests;
import negotiation.events.Package;
import negotiation.events.ProposalsComputed;
import negotiation.events.ProposedPackage;
import negotiation.events.RoomEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;

/**
 * What a prober can infer of a victim's floor, exactly, as the worst-case adversary of DESIGN rule
 * 8: it knows the victim's weights, values and limits and every round's seed, and the victim
 * re-submitted the same interests every round. Floors 0..10000 fall into pieces whose rounds are
 * provably alike (no utility the victim has for a package, and no cut of any round's floor bands,
 * lies inside a piece); one real room aggregate (in Axon's test fixture) runs per piece, with the
 * piece's top as the floor, and a piece is kept when every round matches what the prober saw.
 */
public final class FloorInference {
    private static final Instant AT = Instant.parse("2026-11-29T12:00:00Z");

    private FloorInference() {
    }

    /** A round as the prober sees it: zopa and each shown package's ref, rule and options. */
    public static String seen(ProposalsComputed round) {
        StringBuilder seen = new StringBuilder(Boolean.toString(round.zopa()));
        for (ProposedPackage p : round.packages()) {
            seen.append(' ').append(p.ref()).append(' ').append(p.rule()).append(' ').append(text(p.pkg()));
        }
        return seen.toString();
    }

    /** The same from the data of a {@code ProposalsComputed} event on the wire. */
    public static String seen(JsonNode data) {
        StringBuilder seen = new StringBuilder(Boolean.toString(data.get("zopa").asBoolean()));
        for (JsonNode p : data.get("packages")) {
            Map<String, Object> pkg = new TreeMap<>();
            p.get("package").fields().forEachRemaining(e -> pkg.put(e.getKey(), e.getValue().asText()));
            seen.append(' ').append(p.get("ref").asText()).append(' ').append(p.get("rule").asText()).append(' ').append(pkg);
        }
        return seen.toString();
    }

    private static String text(Package pkg) {
        Map<String, Object> sorted = new TreeMap<>();
        pkg.values().forEach((k, v) -> sorted.put(k, String.valueOf(v)));
        return sorted.toString();
    }

    /**
     * The victim floors (closed intervals, ascending, adjacent ones merged) consistent with the
     * rounds seen: round r had the prober's {@code probes[r]}, the victim's {@code victim} (its floor
     * replaced), seed {@code seeds[r]}, bands of {@code band} points (null: none).
     */
    public static List<int[]> consistent(Agenda agenda, String prober, String victim, Interests victimInterests,
                                         List<Interests> probes, List<Long> seeds, Integer band, List<String> seen) {
        AgendaOptions options = new AgendaOptions(agenda);
        int victimIndex = agenda.parties().indexOf(victim);
        List<int[]> pieces = new ArrayList<>(); // {lo, hi, knownLo, knownHi}
        int below = -1;
        for (int u : victimUtilities(options, InterestsRules.compile(options, victimInterests))) {
            pieces.add(new int[] {below + 1, u, 0, 10_000});
            below = u;
        }
        if (below < 10_000) pieces.add(new int[] {below + 1, 10_000, 0, 10_000});
        for (int round = 0; round < seen.size(); round++) {
            int[] breakpoints = null;
            if (band != null) {
                List<PartyProfile> profiles = new ArrayList<>();
                for (String party : agenda.parties()) {
                    profiles.add(InterestsRules.compile(options, party.equals(prober) ? probes.get(round) : victimInterests));
                }
                breakpoints = Engine.frontierUtilities(options.optionCounts(), profiles, EngineLimits.DEFAULT)[victimIndex];
                List<int[]> split = new ArrayList<>();
                for (int[] piece : pieces) {
                    FloorBands.Band known = new FloorBands.Band(piece[2], piece[3]);
                    for (FloorBands.Band b : FloorBands.cut(known, band, seeds.get(round), victimIndex, breakpoints)) {
                        int lo = Math.max(b.lo(), piece[0]);
                        int hi = Math.min(b.hi(), piece[1]);
                        if (lo <= hi) split.add(new int[] {lo, hi, piece[2], piece[3]});
                    }
                }
                pieces = split;
            }
            List<int[]> kept = new ArrayList<>();
            for (int[] piece : pieces) {
                List<String> rounds = run(agenda, prober, victim, withFloor(victimInterests, piece[1]), probes, seeds, round + 1);
                if (rounds.equals(seen.subList(0, round + 1))) {
                    if (band != null) {
                        FloorBands.Band now = FloorBands.bandOf(new FloorBands.Band(piece[2], piece[3]), piece[1], band,
                                seeds.get(round), victimIndex, breakpoints);
                        piece[2] = now.lo();
                        piece[3] = now.hi();
                    }
                    kept.add(piece);
                }
            }
            pieces = kept;
        }
        List<int[]> union = new ArrayList<>();
        for (int[] piece : pieces) {
            int[] last = union.isEmpty() ? null : union.get(union.size() - 1);
            if (last != null && last[1] + 1 == piece[0]) last[1] = piece[1];
            else union.add(new int[] {piece[0], piece[1]});
        }
        return union;
    }

    /** Counts the floors of a union of intervals. */
    public static long count(List<int[]> intervals) {
        return intervals.stream().mapToLong(i -> i[1] - i[0] + 1L).sum();
    }

    static Interests withFloor(Interests interests, int floor) {
        return new Interests(interests.weights(), interests.values(), floor, interests.limits(), interests.aspiration());
    }

    private static TreeSet<Integer> victimUtilities(AgendaOptions options, PartyProfile victim) {
        TreeSet<Integer> utilities = new TreeSet<>();
        int[] counts = options.optionCounts();
        int[] pkg = new int[counts.length];
        while (true) {
            utilities.add(Engine.utility(victim, pkg));
            int issue = counts.length - 1;
            while (issue >= 0 && ++pkg[issue] == counts[issue]) pkg[issue--] = 0;
            if (issue < 0) return utilities;
        }
    }

    /** The first {@code rounds} rounds of a room: the prober submits, then the victim, with the round's seed. */
    private static List<String> run(Agenda agenda, String prober, String victim, Interests victimInterests,
                                    List<Interests> probes, List<Long> seeds, int rounds) {
        FixtureConfiguration<RoomAggregate> fixture = new AggregateTestFixture<>(RoomAggregate.class);
        fixture.registerCommandTargetResolver(
                message -> new VersionedAggregateIdentifier(((RoomCommand) message.getPayload()).roomId(), null));
        List<Object> log = new ArrayList<>(append(fixture, List.of(), new CreateRoom("r", "mediator", agenda, Map.of(), AT)));
        List<String> seen = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            log.addAll(append(fixture, log, new SubmitInterests("r", prober, probes.get(round), seeds.get(round), AT)));
            List<RoomEvent> appended = append(fixture, log, new SubmitInterests("r", victim, victimInterests, seeds.get(round), AT));
            log.addAll(appended);
            seen.add(seen((ProposalsComputed) appended.get(appended.size() - 1)));
        }
        return seen;
    }

    /** Runs one command on a room with the given log; returns the events it appended. */
    static List<RoomEvent> append(FixtureConfiguration<RoomAggregate> fixture, List<Object> log, Object command) {
        List<RoomEvent> appended = new ArrayList<>();
        var given = log.isEmpty() ? fixture.givenNoPriorActivity() : fixture.given(new ArrayList<>(log));
        given.when(command).expectSuccessfulHandlerExecution().expectEventsMatching(new BaseMatcher<>() {
            @Override
            public boolean matches(Object item) {
                for (Object message : (List<?>) item) appended.add((RoomEvent) ((EventMessage<?>) message).getPayload());
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("any events");
            }
        });
        return appended;
    }
}
