package negotiation.room;

import negotiation.history.LoggedEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import negotiation.Json;
import negotiation.commands.Accept;
import negotiation.commands.CreateRoom;
import negotiation.commands.MakeOffer;
import negotiation.commands.RoomCommand;
import negotiation.commands.SubmitInterests;
import negotiation.engine.Engine;
import negotiation.engine.EngineLimits;
import negotiation.engine.PartyProfile;
import negotiation.events.Agenda;
import negotiation.events.AgreementReached;
import negotiation.events.Interests;
import negotiation.events.Issue;
import negotiation.events.Limit;
import negotiation.events.Package;
import negotiation.events.ProposalsComputed;
import negotiation.events.ProposedPackage;
import negotiation.events.Range;
import negotiation.events.RoomEvent;
import negotiation.readmodel.RoomHistory;
import negotiation.readmodel.Viewer;
import negotiation.readmodel.Visibility;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The frontier engine through the real aggregate: agendas far beyond enumeration, the work limit,
 * the post-settlement improvement, and DESIGN rule 5 (privacy) as a property over the one view
 * function, {@link Visibility#present}.
 */
class EngineAtScaleRoomTest {
    static final String ROOM = "room1";
    static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    FixtureConfiguration<RoomAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RoomAggregate.class);
        fixture.registerCommandTargetResolver(
                message -> new VersionedAggregateIdentifier(((RoomCommand) message.getPayload()).roomId(), null));
    }

    // ---- agendas at the protocol's maximum (docs/protocol.md, limits)

    @Test
    void twoPartyRoomsAcceptFiftyIssuesOfAThousandAndOneValues() {
        Agenda agenda = rangeAgenda(List.of("anna", "beth"), 50, 1001);
        List<RoomEvent> events = run(List.of(), new CreateRoom(ROOM, "mediator", agenda, Map.of(), AT));
        assertEquals(1, events.size());
    }

    @Test
    void fiftyIssuesOfAHundredOptionsGetExactProposalsWellUnderASecond() {
        Agenda agenda = rangeAgenda(List.of("anna", "beth"), 50, 100);
        Random random = new Random(50);
        Interests anna = randomInterests(agenda, random, 3000);
        Interests beth = randomInterests(agenda, random, 3000);
        List<RoomEvent> log = new ArrayList<>(run(List.of(), new CreateRoom(ROOM, "mediator", agenda, Map.of(), AT)));
        log.addAll(run(log, new SubmitInterests(ROOM, "anna", anna, 11, AT)));
        long start = System.nanoTime();
        List<RoomEvent> last = run(log, new SubmitInterests(ROOM, "beth", beth, 11, AT));
        long millis = (System.nanoTime() - start) / 1_000_000;
        ProposalsComputed round = (ProposalsComputed) last.get(1);
        assertTrue(round.zopa());
        assertEquals(3, round.packages().size());
        assertTrue(millis < 1000, "the command with the round took " + millis + " ms");
        // the room proposes exactly what the engine computes on the compiled interests
        AgendaOptions options = new AgendaOptions(agenda);
        var expected = Engine.computeRound(options.optionCounts(), profiles(options, anna, beth), 11);
        for (int i = 0; i < 3; i++) {
            assertEquals(options.toPackage(expected.proposals().get(i).options()), round.packages().get(i).pkg());
        }
    }

    @Test
    void aRoundBeyondTheWorkLimitIsRefusedPreciselyAndAppendsNothing() {
        Agenda agenda = optionsAgenda(List.of("a", "b", "c"), 20, 10);
        Random random = new Random(3);
        Interests a = randomInterests(agenda, random, 0);
        Interests b = randomInterests(agenda, random, 0);
        Interests c = randomInterests(agenda, random, 0);
        List<RoomEvent> log = new ArrayList<>(run(List.of(), new CreateRoom(ROOM, "mediator", agenda, Map.of(), AT)));
        log.addAll(run(log, new SubmitInterests(ROOM, "a", a, 1, AT)));
        log.addAll(run(log, new SubmitInterests(ROOM, "b", b, 1, AT)));
        String previous = System.getProperty(EngineLimits.MAX_WORK_PROPERTY);
        System.setProperty(EngineLimits.MAX_WORK_PROPERTY, "100000");
        try {
            fixture.given(new ArrayList<Object>(log))
                    .when(new SubmitInterests(ROOM, "c", c, 1, AT))
                    .expectException(RoomRejection.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.startsWith("round 1 not computed: the exact Pareto frontier of"
                            + " these 3 parties' interests over 20 issues needs more than the engine's limit of 100000 work units"))
                    .expectNoEvents();
        } finally {
            if (previous == null) System.clearProperty(EngineLimits.MAX_WORK_PROPERTY);
            else System.setProperty(EngineLimits.MAX_WORK_PROPERTY, previous);
        }
        // with the default limit the same command computes the round
        List<RoomEvent> events = run(log, new SubmitInterests(ROOM, "c", c, 1, AT));
        assertTrue(((ProposalsComputed) events.get(1)).zopa());
    }

    // ---- DESIGN rule 6, end to end

    @Test
    void agreementOnADominatedPackageIsFollowedByAnImprovementEveryPartyStrictlyPrefers() {
        for (int parties = 2; parties <= 4; parties++) {
            List<String> names = List.of("p1", "p2", "p3", "p4").subList(0, parties);
            Agenda agenda = optionsAgenda(names, parties == 2 ? 30 : 8, parties == 2 ? 12 : 5);
            AgendaOptions options = new AgendaOptions(agenda);
            Random random = new Random(parties);
            List<Interests> interests = new ArrayList<>();
            List<RoomEvent> log = new ArrayList<>(run(List.of(), new CreateRoom(ROOM, "mediator", agenda, Map.of(), AT)));
            for (String name : names) {
                interests.add(randomInterests(agenda, random, 1000));
                log.addAll(run(log, new SubmitInterests(ROOM, name, interests.get(interests.size() - 1), 5, AT)));
            }
            assertTrue(log.get(log.size() - 1) instanceof ProposalsComputed);
            // option 0 everywhere: acceptable-looking, but far inside the frontier
            Package poor = options.toPackage(new int[options.issueCount()]);
            log.addAll(run(log, new MakeOffer(ROOM, names.get(0), poor, null, AT)));
            for (String name : names.subList(1, parties - 1)) log.addAll(run(log, new Accept(ROOM, name, "o1", AT)));
            List<RoomEvent> last = run(log, new Accept(ROOM, names.get(parties - 1), "o1", AT));

            assertEquals(Boolean.TRUE, ((AgreementReached) last.get(1)).improvable(), parties + " parties");
            ProposalsComputed improvement = (ProposalsComputed) last.get(2);
            assertEquals("o1", improvement.improves());
            ProposedPackage better = improvement.packages().get(0);
            assertEquals("improvement", better.rule());
            List<PartyProfile> profiles = profiles(options, interests.toArray(Interests[]::new));
            int[] agreed = options.indices(poor);
            int[] proposed = options.indices(better.pkg());
            for (PartyProfile profile : profiles) {
                assertTrue(Engine.utility(profile, proposed) > Engine.utility(profile, agreed), parties + " parties");
            }
            assertTrue(Engine.acceptable(profiles, proposed));
        }
    }

    // ---- DESIGN rule 5 as a property

    /**
     * Beth's floor, limits and aspiration vary in ways that leave the acceptable set unchanged:
     * Anna must see byte-identical events (rounds, drawn packages, offers, the agreement, the
     * improvement). Variants that do change the acceptable set are counted, to show the comparison
     * can tell rooms apart.
     */
    @Test
    void aPartySeesTheSameEventsWhateverTheOthersFloorLimitsAndAspirationBeyondTheAcceptableSet() {
        Random random = new Random(55);
        int compared = 0;
        int distinguished = 0;
        for (int trial = 0; trial < 80; trial++) {
            Agenda agenda = optionsAgenda(List.of("anna", "beth"), 2 + random.nextInt(4), 2 + random.nextInt(4));
            AgendaOptions options = new AgendaOptions(agenda);
            Interests anna = randomInterests(agenda, random, random.nextInt(5000));
            Interests beth = randomInterests(agenda, random, random.nextInt(6000));
            long seed = random.nextLong();
            Set<String> acceptable = acceptableSet(options, anna, beth);
            List<String> baseline = annasView(agenda, anna, beth, seed);
            for (int variant = 0; variant < 6; variant++) {
                Interests other = variant(agenda, beth, random);
                boolean same = acceptableSet(options, anna, other).equals(acceptable);
                List<String> view = annasView(agenda, anna, other, seed);
                if (same) {
                    assertEquals(baseline, view, "trial " + trial + ": beth " + other + " vs " + beth);
                    compared++;
                } else if (!baseline.equals(view)) {
                    distinguished++;
                }
            }
        }
        assertTrue(compared >= 100, "too few equivalent variants: " + compared);
        assertTrue(distinguished >= 20, "the comparison never told rooms apart: " + distinguished);
    }

    /** A round, then Anna offers the first proposal's package with a different first option, Beth accepts. */
    private List<String> annasView(Agenda agenda, Interests anna, Interests beth, long seed) {
        setUp();
        List<RoomEvent> log = new ArrayList<>(run(List.of(), new CreateRoom(ROOM, "mediator", agenda, Map.of(), AT)));
        log.addAll(run(log, new SubmitInterests(ROOM, "anna", anna, seed, AT)));
        log.addAll(run(log, new SubmitInterests(ROOM, "beth", beth, seed, AT)));
        AgendaOptions options = new AgendaOptions(agenda);
        ProposalsComputed round = (ProposalsComputed) log.get(log.size() - 1);
        int[] offer = round.packages().isEmpty() ? new int[options.issueCount()] : options.indices(round.packages().get(0).pkg());
        offer[0] = (offer[0] + 1) % options.optionCounts()[0];
        log.addAll(run(log, new MakeOffer(ROOM, "anna", options.toPackage(offer), null, AT)));
        log.addAll(run(log, new Accept(ROOM, "beth", "o1", AT)));

        RoomHistory history = new RoomHistory();
        for (int i = 0; i < log.size(); i++) history.append(new LoggedEvent(i + 1, log.get(i)));
        RoomHistory.Snapshot snapshot = history.snapshot();
        List<String> view = new ArrayList<>();
        for (RoomHistory.Entry entry : snapshot.entries()) {
            try {
                view.add(Json.MAPPER.writeValueAsString(Visibility.present(snapshot, entry, new Viewer("anna"))));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return view;
    }

    /** Beth with another floor, other limits (exclusions) and another aspiration; weights and values kept. */
    private static Interests variant(Agenda agenda, Interests beth, Random random) {
        int floor = Math.max(0, Math.min(10_000, beth.floor() + random.nextInt(401) - 200));
        Map<String, Limit> limits = new HashMap<>();
        for (Issue issue : agenda.issues()) {
            List<String> excluded = issue.options().stream().filter(o -> random.nextInt(8) == 0).toList();
            if (!excluded.isEmpty() && excluded.size() < issue.options().size()) limits.put(issue.id(), new Limit(null, null, excluded));
        }
        Integer aspiration = random.nextBoolean() ? null : random.nextInt(10_001);
        return new Interests(beth.weights(), beth.values(), floor, limits.isEmpty() ? null : limits, aspiration);
    }

    private static Set<String> acceptableSet(AgendaOptions options, Interests anna, Interests beth) {
        List<PartyProfile> profiles = profiles(options, anna, beth);
        Set<String> acceptable = new TreeSet<>();
        int[] pkg = new int[options.issueCount()];
        int[] counts = options.optionCounts();
        while (true) {
            if (Engine.acceptable(profiles, pkg)) acceptable.add(Arrays.toString(pkg));
            int issue = counts.length - 1;
            while (issue >= 0 && ++pkg[issue] == counts[issue]) pkg[issue--] = 0;
            if (issue < 0) return acceptable;
        }
    }

    // ---- helpers

    private static List<PartyProfile> profiles(AgendaOptions options, Interests... interests) {
        return Arrays.stream(interests).map(i -> InterestsRules.compile(options, i)).toList();
    }

    /** Runs one command on a room with the given log; returns the events it appended. */
    private List<RoomEvent> run(List<RoomEvent> log, Object command) {
        return FloorInference.append(fixture, new ArrayList<Object>(log), command);
    }

    static Agenda rangeAgenda(List<String> parties, int issues, int values) {
        List<Issue> list = new ArrayList<>();
        for (int i = 0; i < issues; i++) list.add(new Issue("i" + i, null, null, null, new Range(0, values - 1, 1)));
        return new Agenda("scale", parties, list);
    }

    static Agenda optionsAgenda(List<String> parties, int issues, int options) {
        List<Issue> list = new ArrayList<>();
        for (int i = 0; i < issues; i++) {
            List<String> names = new ArrayList<>();
            for (int o = 0; o < options; o++) names.add("o" + o);
            list.add(new Issue("i" + i, null, null, names, null));
        }
        return new Agenda("scale", parties, list);
    }

    /** Weights summing to 100, a value 0..100 per option (ties from a coarse grid), the given floor. */
    static Interests randomInterests(Agenda agenda, Random random, int floor) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (Issue issue : agenda.issues()) weights.put(issue.id(), 0);
        for (int unit = 0; unit < 100; unit++) {
            String id = agenda.issues().get(random.nextInt(agenda.issues().size())).id();
            weights.merge(id, 1, Integer::sum);
        }
        boolean coarse = random.nextBoolean();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Issue issue : agenda.issues()) {
            Map<String, Integer> byOption = new LinkedHashMap<>();
            List<String> keys = issue.options() != null ? issue.options()
                    : java.util.stream.IntStream.rangeClosed(0, (issue.range().max() - issue.range().min()) / issue.range().step())
                            .mapToObj(k -> String.valueOf(issue.range().min() + k * issue.range().step())).toList();
            for (String key : keys) byOption.put(key, coarse ? 25 * random.nextInt(5) : random.nextInt(101));
            values.put(issue.id(), byOption);
        }
        return new Interests(weights, values, floor, null, null);
    }
}
