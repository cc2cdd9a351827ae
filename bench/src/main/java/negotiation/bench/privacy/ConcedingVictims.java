package negotiation.bench.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import negotiation.commands.Accept;
import negotiation.commands.Amend;
import negotiation.commands.MakeOffer;
import negotiation.commands.NarrowPrivacy;
import negotiation.commands.Reject;
import negotiation.engine.Engine;
import negotiation.engine.EngineLimits;
import negotiation.engine.PartyProfile;
import negotiation.events.Agenda;
import negotiation.events.AgendaAmended;
import negotiation.events.AgendaChange;
import negotiation.events.AmendmentProposed;
import negotiation.events.Interests;
import negotiation.events.Issue;
import negotiation.events.OfferMade;
import negotiation.events.PrivacyLevel;
import negotiation.events.ProposalsComputed;
import negotiation.events.SafeOffer;
import negotiation.room.FloorBands;

/**
 * Victims that keep or concede their floor, against adversaries that assume concessions are
 * monotone. The victim's floor drops each round (by 100, 200, 500 or a random 100..500 points, as
 * honest parties do) or stays; it may have narrowed its own band to 500 after the first round. The
 * adversary is told the victim's band every round (read from the room's state: more than the rounds
 * show, since every output of a round depends on the floor only through the band, which the bench
 * checks by replaying each round with the victim's floor at its band's bottom and at its top), assumes
 * each new floor is at most every earlier band's top, and so holds the current floor's consistent set
 * {@code [band.lo, min(band.hi, earlier tops)]} (for a keeping victim, the intersection of all its
 * bands), narrowed further by the victim's answers to its offers. That set's width in every round is
 * what is measured.
 */
final class ConcedingVictims {
    /** How the adversary picks its own interests each round; only the victim's band (and answers) is measured. */
    enum Adversary {
        /** Its true interests. */
        PASSIVE,
        /** Limits leaving one package, at the consistent set's median (the binary search of the keeping bench). */
        SINGLE,
        /** Values mirroring the victim's, so every package is on the frontier and every victim utility a cut candidate. */
        MIRROR,
        /**
         * Steers the cuts: from its true interests, the mirror and a one-package query per package near
         * the upper bound, the one whose victim frontier utilities make a fresh cut (the seed is known to
         * it, the worst case) overlap its upper bound least, averaged over the floors it expects.
         */
        STEER,
        /**
         * Amend and re-submit: in rounds 2 and 5 it proposes an agenda amendment (a new issue of three
         * options, then a fourth option on it), the victim accepts and re-submits unchanged interests;
         * the adversary weights the new issue so that the victim's frontier changes; it mirrors otherwise.
         */
        AMEND,
        /**
         * Offers a safe offer and watches the answer: mirrors (so its own safe offers spread over the
         * victim's utilities), offers each of its safe offers in the room, and the victim accepts one
         * iff it clears its own exact floor and limits; each answer bounds the floor.
         */
        SAFE_OFFER
    }

    /** A victim's floor schedule: the step it concedes each round (0: keeps, -1: random 100..500), and its own narrowing (0: none). */
    record Victim(String label, int step, int narrow) {
        int next(int floor, Random random) {
            int by = step >= 0 ? step : 100 + random.nextInt(401);
            return Math.max(0, floor - by);
        }

        boolean keeps() {
            return step == 0;
        }

        /** The width the victim is promised: the room's, or its own narrower choice. */
        int bound(int width) {
            return narrow > 0 ? Math.min(narrow, width) : width;
        }
    }

    static final List<Victim> VICTIMS = List.of(new Victim("keeps", 0, 0), new Victim("concedes 100", 100, 0),
            new Victim("concedes 200", 200, 0), new Victim("concedes 500", 500, 0), new Victim("concedes 100-500", -1, 0),
            new Victim("keeps, narrowed to 500", 0, 500), new Victim("concedes 100-500, narrowed to 500", -1, 500));

    /** One round of one run: the consistent set's width. */
    record Width(int round, int width) {
    }

    /** A mechanism of the table: its label and the room's band width. */
    record Mechanism(String label, int width) {
    }

    /** The safe offers the adversaries offered, and how many the victims accepted: the probe did probe. */
    private static long offered;
    private static long accepted;

    private ConcedingVictims() {
    }

    static void report(List<Negotiation> negotiations, int rounds, int[] floorShares, List<Mechanism> mechanisms,
                       List<Adversary> adversaries, List<Victim> victims, int quantileRound, boolean check) {
        System.out.println("| mechanism | adversary | " + String.join(" | ", victims.stream().map(Victim::label).toList()) + " |");
        System.out.println("|---|---|" + "---|".repeat(victims.size()));
        for (Mechanism mechanism : mechanisms) {
            for (Adversary adversary : adversaries) {
                StringBuilder row = new StringBuilder("| " + mechanism.label() + " | " + adversary.name().toLowerCase(Locale.ROOT).replace('_', ' '));
                for (Victim victim : victims) {
                    List<Width> widths = new ArrayList<>();
                    long runSeed = 17;
                    try (Rooms rooms = new Rooms()) {
                        for (Negotiation n : negotiations) {
                            for (int v = 0; v < 2; v++) {
                                for (int share : floorShares) {
                                    widths.addAll(new Run(rooms, mechanism.width(), adversary, victim, n, 1 - v, v, runSeed++, check)
                                            .play(PrivacySuite.floorAt(n, v, share), rounds));
                                }
                            }
                        }
                    }
                    int[] atRound = widths.stream().filter(w -> w.round() == quantileRound).mapToInt(Width::width).sorted().toArray();
                    int min = widths.stream().mapToInt(Width::width).min().orElse(-1);
                    long below = widths.stream().filter(w -> w.width() < victim.bound(mechanism.width())).count();
                    row.append(String.format(Locale.ROOT, " | %d / %d / %.0f %%", min,
                            atRound.length == 0 ? -1 : atRound[atRound.length / 10], 100.0 * below / widths.size()));
                }
                System.out.println(row.append(" |"));
            }
        }
        if (adversaries.contains(Adversary.SAFE_OFFER)) {
            System.out.println();
            System.out.println("The safe-offer adversaries offered " + offered + " safe offers; the victims accepted " + accepted + ".");
        }
    }

    /** One adversary against one victim over the rounds, in one real room. */
    private static final class Run {
        final Rooms rooms;
        final int width;
        final Adversary adversary;
        final Victim victim;
        final int a;
        final int v;
        final long runSeed;
        final boolean check;
        Negotiation n;
        final String room;
        final Agenda startAgenda;
        /**
         * Everything done in the room so far, to replay in a fresh one (the band check): each step
         * takes the room and, for a keeping victim, the floor it is replayed with (null: as played).
         */
        final List<BiConsumer<String, Integer>> history = new ArrayList<>();
        int lower = FloorBands.MIN_FLOOR;
        int upper = FloorBands.MAX_FLOOR;
        int amendments;

        Run(Rooms rooms, int width, Adversary adversary, Victim victim, Negotiation n, int a, int v, long runSeed, boolean check) {
            this.rooms = rooms;
            this.width = width;
            this.adversary = adversary;
            this.victim = victim;
            this.n = n;
            this.a = a;
            this.v = v;
            this.runSeed = runSeed;
            this.check = check;
            room = rooms.open(n.agenda(), new PrivacyLevel(width));
            startAgenda = n.agenda();
        }

        List<Width> play(int startFloor, int rounds) {
            String victimName = n.agenda().parties().get(v);
            String adversaryName = n.agenda().parties().get(a);
            Random random = new Random(runSeed);
            Random steps = new Random(runSeed ^ 0x5DEECE66DL);
            int floor = startFloor;
            List<Width> widths = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                long seed = random.nextLong();
                if (adversary == Adversary.AMEND && (round == 2 || round == 5)) amend();
                Interests query = query(seed);
                Interests victimInterests = n.withFloor(v, floor);
                ProposalsComputed computed = round(room, query, victimInterests, seed);
                FloorBands.Band band = rooms.band(room, victimName);
                if (band == null) band = new FloorBands.Band(floor, floor); // exact floors: the round shows the floor itself
                if (!band.contains(floor)) throw new IllegalStateException(n.name() + ": band " + band + " misses floor " + floor);
                if (check && band.width() > 0) checkBand(query, victimInterests, seed, band, computed, adversaryName);
                Negotiation roundAgenda = n;
                history.add((r, at) -> round(r, query, at == null ? victimInterests : withFloor(victimInterests, at), seed, roundAgenda));
                lower = victim.keeps() ? Math.max(lower, band.lo()) : band.lo();
                upper = Math.min(upper, band.hi());
                if (adversary == Adversary.SAFE_OFFER) offerSafeOffers(computed, adversaryName, victimName, victimInterests);
                if (lower > floor || upper < floor) throw new IllegalStateException(n.name() + ": the true floor left its consistent set");
                widths.add(new Width(round, upper - lower));
                if (round == 1 && victim.narrow() > 0 && victim.narrow() < width) {
                    NarrowPrivacy narrow = new NarrowPrivacy(room, victimName, victim.narrow(), Rooms.AT);
                    rooms.send(narrow);
                    rooms.newEvents(room);
                    history.add((r, at) -> {
                        rooms.send(new NarrowPrivacy(r, victimName, victim.narrow(), Rooms.AT));
                        rooms.newEvents(r);
                    });
                }
                if (!victim.keeps()) floor = victim.next(floor, steps);
            }
            return widths;
        }

        private ProposalsComputed round(String r, Interests query, Interests victimInterests, long seed) {
            return round(r, query, victimInterests, seed, n);
        }

        private ProposalsComputed round(String r, Interests query, Interests victimInterests, long seed, Negotiation on) {
            Interests[] both = new Interests[2];
            both[a] = query;
            both[v] = victimInterests;
            return rooms.round(r, on.agenda(), List.of(both), seed);
        }

        /**
         * The round replayed in a fresh room with the victim's floor at its band's bottom and at its top
         * (a keeping victim's, in every round so far; a conceding victim's, in this round): what the
         * adversary sees (zopa, packages, its own safe offers) must be the same, or telling it the band
         * would understate what it learns.
         */
        private void checkBand(Interests query, Interests victimInterests, long seed, FloorBands.Band band,
                               ProposalsComputed seen, String adversaryName) {
            for (int other : new int[] {band.lo(), band.hi()}) {
                if (other == victimInterests.floor()) continue;
                String replay = rooms.open(startAgenda, new PrivacyLevel(width));
                for (BiConsumer<String, Integer> step : history) step.accept(replay, victim.keeps() ? other : null);
                ProposalsComputed alt = round(replay, query, withFloor(victimInterests, other), seed);
                if (!view(alt, adversaryName).equals(view(seen, adversaryName))) {
                    throw new IllegalStateException(n.name() + ": the adversary's view differs inside the band " + band
                            + ": " + view(seen, adversaryName) + " against " + view(alt, adversaryName) + " at floor " + other);
                }
            }
        }

        private static Interests withFloor(Interests i, int floor) {
            return new Interests(i.weights(), i.values(), floor, i.limits(), i.aspiration());
        }

        private String view(ProposalsComputed round, String adversaryName) {
            StringBuilder s = new StringBuilder(Boolean.toString(round.zopa()));
            round.packages().forEach(p -> s.append(' ').append(p.ref()).append(p.rule()).append(p.pkg()));
            List<SafeOffer> own = round.safeOffers() == null ? null : round.safeOffers().get(adversaryName);
            s.append(" safe ").append(own);
            return s.toString();
        }

        /** Each of the adversary's safe offers offered in the room; the victim answers as an honest party does. */
        private void offerSafeOffers(ProposalsComputed computed, String adversaryName, String victimName, Interests victimInterests) {
            List<SafeOffer> own = computed.safeOffers() == null ? null : computed.safeOffers().get(adversaryName);
            if (own == null) return;
            PartyProfile victimProfile = n.profile(victimInterests);
            for (SafeOffer offer : own) {
                rooms.send(new MakeOffer(room, adversaryName, offer.pkg(), offer.terms(), Rooms.AT));
                String ref = rooms.newEvents(room).stream().filter(e -> e instanceof OfferMade).map(e -> ((OfferMade) e).ref())
                        .findFirst().orElseThrow();
                int[] pkg = n.options().indices(offer.pkg());
                int u = Engine.utility(victimProfile, pkg);
                boolean accepts = Engine.acceptable(List.of(victimProfile), pkg);
                offered++;
                if (accepts) accepted++;
                rooms.send(accepts ? new Accept(room, victimName, ref, Rooms.AT) : new Reject(room, victimName, ref, null, Rooms.AT));
                rooms.newEvents(room);
                history.add((r, at) -> {
                    rooms.send(new MakeOffer(r, adversaryName, offer.pkg(), offer.terms(), Rooms.AT));
                    rooms.send(accepts ? new Accept(r, victimName, ref, Rooms.AT) : new Reject(r, victimName, ref, null, Rooms.AT));
                    rooms.newEvents(r);
                });
                if (!Strategy.allowed(victimProfile, pkg)) continue; // a rejection for a limit says nothing of the floor
                if (accepts) upper = Math.min(upper, u);
                else lower = Math.max(lower, u + 1);
            }
        }

        /** Proposes an amendment; the victim accepts; the bench's agenda follows. */
        private void amend() {
            String victimName = n.agenda().parties().get(v);
            String adversaryName = n.agenda().parties().get(a);
            String issue = "added";
            AgendaChange change = amendments == 0
                    ? new AgendaChange(new Issue(issue, null, null, List.of("x0", "x1", "x2"), null), null)
                    : new AgendaChange(null, new AgendaChange.AddOptions(issue, List.of("x3")));
            amendments++;
            Agenda[] amended = new Agenda[1];
            BiConsumer<String, Integer> step = (r, at) -> {
                rooms.send(new Amend(r, adversaryName, List.of(change), null, Rooms.AT));
                String ref = rooms.newEvents(r).stream().filter(e -> e instanceof AmendmentProposed)
                        .map(e -> ((AmendmentProposed) e).ref()).findFirst().orElseThrow();
                rooms.send(new Accept(r, victimName, ref, Rooms.AT));
                rooms.newEvents(r).stream().filter(e -> e instanceof AgendaAmended)
                        .forEach(e -> amended[0] = ((AgendaAmended) e).agenda());
            };
            step.accept(room, null);
            history.add(step);
            List<Interests> interests = new ArrayList<>(n.interests());
            interests.set(a, withAddedIssue(n.interests().get(a), amended[0], issue));
            n = Negotiation.of(n.name(), amended[0], interests);
        }

        /** The adversary's interests with 40 of its weight on the new issue, valued by option position. */
        private static Interests withAddedIssue(Interests own, Agenda amended, String issue) {
            Map<String, Integer> weights = new LinkedHashMap<>(own.weights());
            if (!own.weights().containsKey(issue)) { // added options: the issue already has its weight
                int total = own.weights().values().stream().mapToInt(Integer::intValue).sum();
                int left = 60;
                for (Map.Entry<String, Integer> w : own.weights().entrySet()) {
                    int scaled = total == 0 ? 0 : w.getValue() * 60 / total;
                    weights.put(w.getKey(), scaled);
                    left -= scaled;
                }
                weights.put(issue, 40 + left);
            }
            Map<String, Object> values = new HashMap<>(own.values() == null ? Map.of() : own.values());
            List<String> options = amended.issues().stream().filter(i -> i.id().equals(issue)).findFirst().orElseThrow().options();
            Map<String, Integer> byOption = new LinkedHashMap<>();
            for (int o = 0; o < options.size(); o++) byOption.put(options.get(o), 100 * o / (options.size() - 1));
            values.put(issue, byOption);
            return new Interests(weights, values, own.floor(), own.limits(), own.aspiration());
        }

        private Interests query(long seed) {
            ConsistentFloors known = new ConsistentFloors(List.of(new int[] {lower, upper}));
            return switch (adversary) {
                case PASSIVE -> n.interests().get(a);
                case SINGLE -> Strategy.SINGLE.query(n, a, v, known, 0);
                case MIRROR, SAFE_OFFER -> Strategy.MIRROR.query(n, a, v, known, 0);
                case AMEND -> amendments == 0 ? Strategy.MIRROR.query(n, a, v, known, 0) : n.interests().get(a);
                case STEER -> steer(n, a, v, lower, upper, seed, width, victim.keeps());
            };
        }
    }

    /**
     * The query whose fresh cut of the victim's floors (as a rule that re-cuts a changed floor would:
     * from 0..10000, the seed and the victim's frontier utilities) leaves the least of the floors the
     * adversary expects below its upper bound: the victim's previous floor was in the consistent set
     * and dropped 100 to 500 points.
     */
    private static Interests steer(Negotiation n, int a, int v, int lower, int upper, long seed, int width, boolean keeps) {
        if (width <= 0) return n.interests().get(a);
        int from = keeps ? lower : Math.max(0, lower - 500);
        int to = keeps ? upper : Math.max(0, upper - 100);
        List<Interests> candidates = new ArrayList<>();
        candidates.add(n.interests().get(a));
        candidates.add(Strategy.MIRROR.query(n, a, v, new ConsistentFloors(List.of(new int[] {lower, upper})), 0));
        PartyProfile victim = n.profile(v);
        TreeMap<Integer, int[]> byUtility = new TreeMap<>();
        for (int[] pkg : n.packages()) {
            if (!Strategy.allowed(victim, pkg)) continue;
            int u = Engine.utility(victim, pkg);
            if (u >= from - width && u <= upper) byUtility.putIfAbsent(u, pkg);
        }
        List<int[]> near = new ArrayList<>(byUtility.descendingMap().values());
        for (int i = 0; i < Math.min(24, near.size()); i++) candidates.add(Strategy.pinned(n, near.get(i)));
        Interests best = candidates.get(0);
        double bestWidth = Double.MAX_VALUE;
        Map<String, Boolean> tried = new HashMap<>();
        for (Interests candidate : candidates) {
            int[] breakpoints = Engine.frontierUtilities(n.options().optionCounts(),
                    PrivacySuite.parties(n, a, candidate, v, 0).stream().map(n::profile).toList(), EngineLimits.DEFAULT)[v];
            if (tried.put(Arrays.toString(breakpoints), true) != null) continue;
            List<FloorBands.Band> cut = FloorBands.cut(FloorBands.Band.ALL, width, seed, v, breakpoints);
            double sum = 0;
            int count = 0;
            for (int f = from; f <= to; f += Math.max(1, (to - from) / 20)) {
                for (FloorBands.Band b : cut) {
                    if (b.contains(f)) sum += Math.min(b.hi(), upper) - (keeps ? Math.max(b.lo(), lower) : b.lo());
                }
                count++;
            }
            if (count > 0 && sum / count < bestWidth) {
                bestWidth = sum / count;
                best = candidate;
            }
        }
        return best;
    }
}
