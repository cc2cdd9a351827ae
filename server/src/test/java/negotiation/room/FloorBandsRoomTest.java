package negotiation.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import negotiation.commands.CreateRoom;
import negotiation.commands.RoomCommand;
import negotiation.commands.SubmitInterests;
import negotiation.engine.Engine;
import negotiation.engine.EngineLimits;
import negotiation.engine.PartyProfile;
import negotiation.engine.Round;
import negotiation.events.Agenda;
import negotiation.events.Interests;
import negotiation.events.Package;
import negotiation.events.ProposalsComputed;
import negotiation.events.ProposedPackage;
import negotiation.events.RoomEvent;
import negotiation.support.Scenarios;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

/** DESIGN rule 8 as implemented, on the room aggregate: floors rounded up to bands, and what a prober can learn. */
class FloorBandsRoomTest {
    static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");
    static final Agenda POS = Scenarios.agenda("pos-system");
    static final Interests BUYER = Scenarios.interests("pos-system", "buyer");
    static final Interests SELLER = Scenarios.interests("pos-system", "seller");
    static final AgendaOptions OPTIONS = new AgendaOptions(POS);

    /**
     * The round is the engine's round on every floor raised to the top of its band, cut from
     * 0..10000 at each party's frontier utilities: checked on the cases (seller floors, seeds)
     * where that differs from the round on the floors as entered, so the rounding is what is tested.
     */
    @Test
    void aRoundSeesEachFloorAsTheTopOfItsBand() {
        int differing = 0;
        for (int floor = 2_000; floor <= 6_000 && differing < 6; floor += 125) {
            for (long seed = 1; seed <= 4; seed++) {
                Interests seller = FloorInference.withFloor(SELLER, floor);
                List<PartyProfile> profiles = List.of(InterestsRules.compile(OPTIONS, BUYER), InterestsRules.compile(OPTIONS, seller));
                int[][] breakpoints = Engine.frontierUtilities(OPTIONS.optionCounts(), profiles, EngineLimits.DEFAULT);
                List<PartyProfile> banded = new ArrayList<>();
                for (int party = 0; party < 2; party++) {
                    PartyProfile p = profiles.get(party);
                    FloorBands.Band band = FloorBands.bandOf(FloorBands.Band.ALL, p.floor(), FloorBands.DEFAULT_WIDTH, seed,
                            party, breakpoints[party]);
                    banded.add(new PartyProfile(p.points(), p.allowed(), band.hi()));
                }
                Round asEntered = Engine.computeRound(OPTIONS.optionCounts(), profiles, seed);
                Round rounded = Engine.computeRound(OPTIONS.optionCounts(), banded, seed);
                if (text(asEntered).equals(text(rounded))) continue;
                differing++;
                ProposalsComputed round = firstRound(seller, seed);
                assertEquals(text(rounded), text(round), "seller floor " + floor + ", seed " + seed);
                assertNotEquals(text(asEntered), text(round));
                assertEquals(FloorBands.DEFAULT_WIDTH, round.band());
            }
        }
        assertTrue(differing >= 3, "too few cases where rounding changes the round: " + differing);
    }

    /**
     * The prober: eight rounds of single-package binary search against a seller who
     * re-submits the same interests. What it saw, with every seed known, leaves at least 2,000
     * points of seller floors (hull and count), the true floor among them; its own bookkeeping
     * (which assumes floors as entered) is wrong or wide.
     */
    @Test
    void aSinglePackageProberLeavesAtLeastTheBandWidthOfFloors() {
        for (int floor : new int[] {2_500, 4_321, 6_100}) {
            Interests seller = FloorInference.withFloor(SELLER, floor);
            SinglePackageProber prober = new SinglePackageProber(POS, seller);
            FixtureConfiguration<RoomAggregate> fixture = fixture();
            List<Object> log = new ArrayList<>(FloorInference.append(fixture, List.of(),
                    new CreateRoom("r", "mediator", POS, Map.of(), AT)));
            List<Interests> probes = new ArrayList<>();
            List<Long> seeds = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (int round = 1; round <= 8; round++) {
                Interests probe = prober.next();
                long seed = 100 + round;
                log.addAll(FloorInference.append(fixture, log, new SubmitInterests("r", "buyer", probe, seed, AT)));
                List<RoomEvent> appended = FloorInference.append(fixture, log, new SubmitInterests("r", "seller", seller, seed, AT));
                log.addAll(appended);
                ProposalsComputed computed = (ProposalsComputed) appended.get(appended.size() - 1);
                prober.saw(computed.zopa());
                probes.add(probe);
                seeds.add(seed);
                seen.add(FloorInference.seen(computed));
            }
            Integer band = ((ProposalsComputed) log.get(log.size() - 1)).band();
            List<int[]> consistent = FloorInference.consistent(POS, "buyer", "seller", seller, probes, seeds, band, seen);
            int hull = consistent.get(consistent.size() - 1)[1] - consistent.get(0)[0];
            String context = "floor " + floor + ": " + describe(consistent);
            assertTrue(consistent.stream().anyMatch(i -> i[0] <= floor && floor <= i[1]), context);
            assertTrue(hull >= FloorBands.DEFAULT_WIDTH, context + " hull " + hull);
            assertTrue(FloorInference.count(consistent) > FloorBands.DEFAULT_WIDTH, context);
        }
    }

    private static String describe(List<int[]> intervals) {
        StringBuilder s = new StringBuilder();
        for (int[] i : intervals) s.append('[').append(i[0]).append(", ").append(i[1]).append(']');
        return s.toString();
    }

    private static ProposalsComputed firstRound(Interests seller, long seed) {
        FixtureConfiguration<RoomAggregate> fixture = fixture();
        List<Object> log = new ArrayList<>(FloorInference.append(fixture, List.of(), new CreateRoom("r", "mediator", POS, Map.of(), AT)));
        log.addAll(FloorInference.append(fixture, log, new SubmitInterests("r", "buyer", BUYER, seed, AT)));
        List<RoomEvent> appended = FloorInference.append(fixture, log, new SubmitInterests("r", "seller", seller, seed, AT));
        return (ProposalsComputed) appended.get(appended.size() - 1);
    }

    private static FixtureConfiguration<RoomAggregate> fixture() {
        FixtureConfiguration<RoomAggregate> fixture = new AggregateTestFixture<>(RoomAggregate.class);
        fixture.registerCommandTargetResolver(
                message -> new VersionedAggregateIdentifier(((RoomCommand) message.getPayload()).roomId(), null));
        return fixture;
    }

    private static String text(Round round) {
        List<Package> packages = round.proposals().stream().map(p -> OPTIONS.toPackage(p.options())).toList();
        return round.zopa() + " " + packages;
    }

    private static String text(ProposalsComputed round) {
        return round.zopa() + " " + round.packages().stream().map(ProposedPackage::pkg).map(OPTIONS::indices)
                .map(OPTIONS::toPackage).toList();
    }
}
