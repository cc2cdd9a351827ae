package negotiation.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import negotiation.Json;
import negotiation.engine.DrawRule;
import negotiation.engine.Engine;
import negotiation.engine.EngineLimits;
import negotiation.engine.PartyProfile;
import negotiation.events.Agenda;
import negotiation.events.Interests;
import negotiation.events.Issue;
import negotiation.events.Limit;
import negotiation.events.ProposalsComputed;
import negotiation.events.ProposedPackage;
import negotiation.events.SafeOffer;
import org.junit.jupiter.api.Test;

/**
 * Safe offers (docs/privacy.md) on seeded random agendas, checked against enumerating every
 * package: each clears its party's exact floor, every other party's band top and every limit, and
 * lies on the frontier within limits; and what a party is shown depends on another party's floor
 * only through that party's band.
 */
class SafeOffersTest {
    private static final int CASES = 60;
    private static final Instant AT = Instant.parse("2026-12-06T00:00:00Z");

    /** A random room: agenda, interests, the round's seed. */
    record Case(AgendaOptions options, List<String> parties, List<Interests> interests, long seed) {
        List<PartyProfile> profiles() {
            return interests.stream().map(i -> InterestsRules.compile(options, i)).toList();
        }

        Case withFloor(int party, int floor) {
            List<Interests> changed = new ArrayList<>(interests);
            Interests i = interests.get(party);
            changed.set(party, new Interests(i.weights(), i.values(), floor, i.limits(), i.aspiration()));
            return new Case(options, parties, changed, seed);
        }

        Rounds.Computed round(int level) {
            FloorPrivacy privacy = new FloorPrivacy();
            privacy.setLevel(level);
            return Rounds.round("r", 1, options, parties, profiles(), privacy, seed, EngineLimits.DEFAULT,
                    DrawRule.FAIR_FIRST, AT);
        }
    }

    static Case randomCase(SplittableRandom random) {
        int issueCount = 2 + random.nextInt(3);
        List<Issue> issues = new ArrayList<>();
        for (int i = 0; i < issueCount; i++) {
            List<String> options = new ArrayList<>();
            for (int o = 0, n = 2 + random.nextInt(4); o < n; o++) options.add("o" + o);
            issues.add(new Issue("i" + i, null, null, options, null));
        }
        List<String> parties = random.nextInt(4) == 0 ? List.of("a", "b", "c") : List.of("a", "b");
        AgendaOptions options = new AgendaOptions(new Agenda("random", parties, issues));
        List<Interests> interests = new ArrayList<>();
        for (String ignored : parties) {
            Map<String, Integer> weights = new LinkedHashMap<>();
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, Limit> limits = new HashMap<>();
            int left = 100;
            for (int i = 0; i < issueCount; i++) {
                int w = i == issueCount - 1 ? left : random.nextInt(left + 1);
                left -= w;
                weights.put("i" + i, w);
                Map<String, Integer> byOption = new LinkedHashMap<>();
                for (String option : issues.get(i).options()) byOption.put(option, random.nextInt(101));
                values.put("i" + i, byOption);
                if (random.nextInt(5) == 0) limits.put("i" + i, new Limit(null, null, List.of("o0")));
            }
            interests.add(new Interests(weights, values, random.nextInt(8001), limits.isEmpty() ? null : limits, null));
        }
        return new Case(options, parties, interests, random.nextLong());
    }

    @Test
    void everySafeOfferClearsItsPartysFloorEveryBandTopAndEveryLimitOnTheFrontier() {
        SplittableRandom random = new SplittableRandom(2026);
        int seen = 0;
        for (int n = 0; n < CASES; n++) {
            Case c = randomCase(random);
            Rounds.Computed computed = c.round(2000);
            List<PartyProfile> profiles = c.profiles();
            List<int[]> all = allPackages(c.options().optionCounts());
            List<int[]> shown = computed.event().packages().stream().map(p -> c.options().indices(p.pkg())).toList();
            Map<String, List<SafeOffer>> safe = computed.event().safeOffers() == null ? Map.of()
                    : computed.event().safeOffers();
            for (Map.Entry<String, List<SafeOffer>> entry : safe.entrySet()) {
                int owner = c.parties().indexOf(entry.getKey());
                assertFalse(entry.getValue().isEmpty(), "a party with none has no entry");
                assertTrue(entry.getValue().size() <= 3, "at most three");
                for (SafeOffer offer : entry.getValue()) {
                    int[] pkg = c.options().indices(offer.pkg());
                    seen++;
                    for (int party = 0; party < profiles.size(); party++) {
                        int u = Engine.utility(profiles.get(party), pkg);
                        int needed = party == owner ? profiles.get(party).floor()
                                : computed.cut().bands().get(c.parties().get(party)).hi();
                        assertTrue(u >= needed, "case " + n + ": " + offer + " gives party " + party + " " + u
                                + ", under " + needed);
                        assertTrue(u >= profiles.get(party).floor(), "acceptable to every party");
                        assertTrue(withinLimits(profiles.get(party), pkg), "within every limit");
                    }
                    assertTrue(onFrontier(profiles, all, pkg), "case " + n + ": " + offer + " is dominated");
                    for (int[] public_ : shown) {
                        assertFalse(java.util.Arrays.equals(vector(profiles, public_), vector(profiles, pkg)),
                                "never one of the round's packages");
                    }
                }
            }
        }
        assertTrue(seen > 20, "the cases hold safe offers to check: " + seen);
    }

    @Test
    void whatAPartySeesDependsOnAnotherPartysFloorOnlyThroughItsBand() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        int compared = 0;
        for (int n = 0; n < CASES / 3; n++) {
            Case c = randomCase(random);
            Rounds.Computed computed = c.round(2000);
            for (int other = 0; other < c.parties().size(); other++) {
                negotiation.room.FloorBands.Band band = computed.cut().bands().get(c.parties().get(other));
                int stride = Math.max(1, band.width() / 40);
                for (int floor = band.lo(); floor <= band.hi(); floor += floor == band.hi() ? 1 : Math.min(stride, band.hi() - floor)) {
                    Rounds.Computed moved = c.withFloor(other, floor).round(2000);
                    assertEquals(Json.MAPPER.writeValueAsString(computed.event().packages()),
                            Json.MAPPER.writeValueAsString(moved.event().packages()), "the public round");
                    assertEquals(computed.event().zopa(), moved.event().zopa());
                    for (int viewer = 0; viewer < c.parties().size(); viewer++) {
                        if (viewer == other) continue;
                        String name = c.parties().get(viewer);
                        assertEquals(safeOf(computed.event(), name), safeOf(moved.event(), name),
                                "case " + n + ": " + name + "'s safe offers with party " + other + "'s floor at " + floor);
                        compared++;
                    }
                }
            }
        }
        assertTrue(compared > 500, "floors compared: " + compared);
    }

    @Test
    void aPartysBandsAreCellsOfOnePartitionHoweverItsFloorAndInterestsMove() {
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 0; n < CASES; n++) {
            Case c = randomCase(random);
            FloorPrivacy privacy = new FloorPrivacy();
            List<FloorBands.Band> first = null;
            int floor = 9000;
            int lowestTop = FloorBands.MAX_FLOOR;
            for (int round = 1; round <= 8; round++) {
                // the victim concedes 100 to 500 points a round, and now and then re-enters its values
                floor = Math.max(0, floor - 100 - random.nextInt(401));
                Case now = round % 3 == 0 ? randomCase(random) : c;
                now = now.withFloor(0, floor);
                List<PartyProfile> profiles = now.profiles();
                int[][] breakpoints = negotiation.engine.RoundFrontiers.build(now.options().optionCounts(), profiles,
                        EngineLimits.DEFAULT).utilities();
                FloorPrivacy.Cut cut = privacy.cut(now.parties(), negotiation.engine.RoundFrontiers.floorsOf(profiles),
                        random.nextLong(), breakpoints);
                privacy.apply(cut);
                FloorBands.Band band = cut.bands().get(now.parties().get(0));
                if (first == null) first = cut.partitions().get("a").cells();
                assertTrue(first.contains(band), "round " + round + ": " + band + " is a cell of " + first);
                // an adversary sure that floors only go down: the floor is at most every earlier band's top
                lowestTop = Math.min(lowestTop, band.hi());
                int consistent = Math.min(band.hi(), lowestTop) - band.lo();
                assertTrue(consistent >= 2000, "round " + round + ": the conceding floor narrowed to " + consistent);
            }
        }
    }

    @Test
    void aNarrowedBandRefinesTheCellsItHad() {
        SplittableRandom random = new SplittableRandom(5);
        Case c = randomCase(random);
        List<PartyProfile> profiles = c.profiles();
        int[][] breakpoints = negotiation.engine.RoundFrontiers.build(c.options().optionCounts(), profiles,
                EngineLimits.DEFAULT).utilities();
        int[] floors = negotiation.engine.RoundFrontiers.floorsOf(profiles);
        FloorPrivacy privacy = new FloorPrivacy();
        privacy.apply(privacy.cut(c.parties(), floors, 1, breakpoints));
        List<FloorBands.Band> coarse = privacy.current().partitions().get("a").cells();
        privacy.choose("a", 500);
        FloorPrivacy.Cut finer = privacy.cut(c.parties(), floors, 2, breakpoints);
        assertEquals(500, finer.partitions().get("a").width());
        assertEquals(privacy.current().partitions().get("b"), finer.partitions().get("b"), "the others' stay");
        for (FloorBands.Band cell : finer.partitions().get("a").cells()) {
            assertTrue(cell.width() >= 500, cell + " at least the chosen width");
            assertTrue(coarse.stream().anyMatch(big -> big.lo() <= cell.lo() && cell.hi() <= big.hi()),
                    cell + " nests in a cell the others saw before");
        }
        privacy.apply(finer);
        privacy.choose("a", 0);
        FloorBands.Band exact = privacy.cut(c.parties(), floors, 3, breakpoints).bands().get("a");
        assertEquals(new FloorBands.Band(floors[0], floors[0]), exact, "band 0 is the floor itself");
    }

    private static String safeOf(ProposalsComputed event, String party) throws Exception {
        List<SafeOffer> offers = event.safeOffers() == null ? null : event.safeOffers().get(party);
        return Json.MAPPER.writeValueAsString(offers);
    }

    private static List<int[]> allPackages(int[] counts) {
        List<int[]> out = new ArrayList<>();
        int[] pkg = new int[counts.length];
        while (true) {
            out.add(pkg.clone());
            int i = counts.length - 1;
            while (i >= 0 && ++pkg[i] == counts[i]) pkg[i--] = 0;
            if (i < 0) return out;
        }
    }

    private static boolean withinLimits(PartyProfile profile, int[] pkg) {
        for (int issue = 0; issue < pkg.length; issue++) {
            if (!profile.allowed()[issue][pkg[issue]]) return false;
        }
        return true;
    }

    private static int[] vector(List<PartyProfile> profiles, int[] pkg) {
        return profiles.stream().mapToInt(p -> Engine.utility(p, pkg)).toArray();
    }

    /** No package within every limit is at least as good for every party and better for one. */
    private static boolean onFrontier(List<PartyProfile> profiles, List<int[]> all, int[] pkg) {
        int[] mine = vector(profiles, pkg);
        for (int[] other : all) {
            if (!profiles.stream().allMatch(p -> withinLimits(p, other))) continue;
            int[] theirs = vector(profiles, other);
            boolean atLeast = true;
            boolean better = false;
            for (int k = 0; k < mine.length; k++) {
                atLeast &= theirs[k] >= mine[k];
                better |= theirs[k] > mine[k];
            }
            if (atLeast && better) return false;
        }
        return true;
    }

    @Test
    void theImprovementRoundKeepsTheTermsAndEachSafeImprovementBeatsTheAgreementForAll() {
        SplittableRandom random = new SplittableRandom(3);
        int checked = 0;
        for (int n = 0; n < CASES; n++) {
            Case c = randomCase(random);
            FloorPrivacy privacy = new FloorPrivacy();
            Rounds.Computed round = Rounds.round("r", 1, c.options(), c.parties(), c.profiles(), privacy, c.seed(),
                    EngineLimits.DEFAULT, DrawRule.FAIR_FIRST, AT);
            privacy.apply(round.cut());
            int[] agreed = new int[c.options().optionCounts().length]; // every issue's first option
            List<negotiation.events.Term> terms = List.of(new negotiation.events.Term("late", "10% off"));
            ProposalsComputed improvement = Rounds.improvement("r", 1, "o1", agreed, terms, "i1", c.options(),
                    c.parties(), c.profiles(), privacy, EngineLimits.DEFAULT, AT);
            assertEquals("o1", improvement.improves());
            assertEquals(!improvement.packages().isEmpty(), improvement.zopa());
            for (ProposedPackage p : improvement.packages()) {
                assertEquals(terms, p.terms(), "the public improvement keeps the terms");
            }
            int[] before = vector(c.profiles(), agreed);
            if (improvement.safeOffers() == null) continue;
            for (List<SafeOffer> offers : improvement.safeOffers().values()) {
                for (SafeOffer offer : offers) {
                    assertEquals(terms, offer.terms(), "a safe improvement keeps the terms");
                    int[] after = vector(c.profiles(), c.options().indices(offer.pkg()));
                    for (int k = 0; k < before.length; k++) {
                        assertTrue(after[k] > before[k], "every party strictly prefers it");
                        assertTrue(after[k] >= c.profiles().get(k).floor(), "and it clears every floor");
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked > 5, "safe improvements checked: " + checked);
    }
}
