package negotiation.bench.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import negotiation.commands.Accept;
import negotiation.commands.MakeOffer;
import negotiation.commands.NarrowPrivacy;
import negotiation.engine.Engine;
import negotiation.engine.PartyProfile;
import negotiation.events.AgreementReached;
import negotiation.events.Interests;
import negotiation.events.OfferMade;
import negotiation.events.PrivacyLevel;
import negotiation.events.ProposalsComputed;
import negotiation.events.SafeOffer;

/**
 * What privacy costs honest parties: how soon a deal is visible to someone and how soon they agree,
 * with exact floors, with bands, with bands and safe offers, and with a party's own narrowing added.
 * Honest parties submit their true weights, values and limits; a public package is accepted by all
 * (it clears every floor the round saw, so every true floor); a party with a safe offer and no public
 * package offers its first safe offer in the room, and each other party accepts it in the room if it
 * clears its own exact floor and limits; a party that sees nothing (no public package, no safe offer
 * of its own) narrows its band to 500 for the next round, once.
 */
final class HonestTable {
    static final int[] BY = {1, 3, 5, 10};
    private static final int CONCESSION_ROUNDS = 6;
    private static final int NARROWED = 500;

    /**
     * A row of the table: the room's band width and what the parties do beyond accepting public
     * packages; upfront: every party narrows to 500 before its first round.
     */
    record Mechanism(String label, int width, boolean safeOffers, boolean narrowing, boolean upfront) {
        Mechanism(String label, int width, boolean safeOffers, boolean narrowing) {
            this(label, width, safeOffers, narrowing, false);
        }
    }

    static List<Mechanism> mechanisms() {
        List<Mechanism> list = new ArrayList<>();
        list.add(new Mechanism("exact floors", 0, false, false));
        for (int width : new int[] {1000, 2000, 3000}) {
            list.add(new Mechanism("bands " + width, width, false, false));
            list.add(new Mechanism("bands " + width + " with safe offers", width, true, false));
            list.add(new Mechanism("bands " + width + ", safe offers, narrowing to 500", width, true, true));
        }
        list.add(new Mechanism("bands 2000, safe offers, both narrowed to 500 before round 1", 2000, true, false, true));
        return list;
    }

    /** How the parties' floors move: from 300 under their best to their reservation by round 6, or the reservation throughout. */
    enum Schedule {
        CONCEDING("floors conceding from 300 points under each party's best to its reservation floor by round 6"),
        RESERVATION("reservation floors entered from round 1");

        final String label;

        Schedule(String label) {
            this.label = label;
        }
    }

    record Outcome(int visibleAt, int agreedAt) {
    }

    private HonestTable() {
    }

    static void report(List<Negotiation> negotiations, int rounds, Schedule schedule) {
        System.out.println("Honest parties, " + schedule.label + "; " + negotiations.size() + " negotiations, " + rounds
                + " rounds at most. In parentheses: share of the exact floors' count at the same round.");
        System.out.println();
        StringBuilder head = new StringBuilder("| mechanism |");
        for (int r : BY) head.append(" visible by ").append(r).append(" |");
        for (int r : BY) head.append(" agreed by ").append(r).append(" |");
        System.out.println(head);
        System.out.println("|---|" + "---|".repeat(2 * BY.length));
        int[] exactAgreed = null;
        int[] exactVisible = null;
        Map<Mechanism, List<Outcome>> outcomes = new LinkedHashMap<>();
        for (Mechanism mechanism : mechanisms()) {
            List<Outcome> list = new ArrayList<>();
            try (Rooms rooms = new Rooms()) {
                long seed = 11;
                for (Negotiation n : negotiations) list.add(run(rooms, mechanism, n, rounds, schedule, seed++));
            }
            outcomes.put(mechanism, list);
            int[] visible = count(list, Outcome::visibleAt, i -> true);
            int[] agreed = count(list, Outcome::agreedAt, i -> true);
            if (exactAgreed == null) {
                exactAgreed = agreed;
                exactVisible = visible;
            }
            StringBuilder row = new StringBuilder("| " + mechanism.label() + " |");
            for (int i = 0; i < BY.length; i++) row.append(cell(visible[i], exactVisible[i]));
            for (int i = 0; i < BY.length; i++) row.append(cell(agreed[i], exactAgreed[i]));
            System.out.println(row);
        }
        System.out.println();
        List<String> families = negotiations.stream().map(HonestTable::family).distinct().toList();
        System.out.println("The same, agreed by round 1 / 3 / 10 per kind of agenda (share of exact floors):");
        System.out.println();
        System.out.println("| mechanism | " + String.join(" | ", families.stream().map(f -> f + " ("
                + negotiations.stream().filter(n -> family(n).equals(f)).count() + ")").toList()) + " |");
        System.out.println("|---|" + "---|".repeat(families.size()));
        List<Outcome> exact = outcomes.values().iterator().next();
        for (Map.Entry<Mechanism, List<Outcome>> entry : outcomes.entrySet()) {
            StringBuilder row = new StringBuilder("| " + entry.getKey().label() + " |");
            for (String f : families) {
                java.util.function.IntPredicate in = i -> family(negotiations.get(i)).equals(f);
                int[] agreed = count(entry.getValue(), Outcome::agreedAt, in);
                int[] base = count(exact, Outcome::agreedAt, in);
                StringBuilder cell = new StringBuilder();
                for (int i : new int[] {0, 1, 3}) {
                    cell.append(cell.length() == 0 ? " " : " / ").append(agreed[i]);
                    if (base[i] > 0) cell.append(String.format(Locale.ROOT, " (%.0f %%)", 100.0 * agreed[i] / base[i]));
                }
                row.append(cell).append(" |");
            }
            System.out.println(row);
        }
        System.out.println();
    }

    /** The kind of agenda: a scenario of the tests, drawn like real ones, or dense random. */
    private static String family(Negotiation n) {
        if (n.name().startsWith("realistic")) return "drawn like real ones";
        if (n.name().startsWith("random")) return "random";
        return "scenarios";
    }

    private static int[] count(List<Outcome> outcomes, java.util.function.ToIntFunction<Outcome> at,
                               java.util.function.IntPredicate included) {
        int[] counts = new int[BY.length];
        for (int k = 0; k < outcomes.size(); k++) {
            if (!included.test(k)) continue;
            int round = at.applyAsInt(outcomes.get(k));
            for (int i = 0; i < BY.length; i++) if (round > 0 && round <= BY[i]) counts[i]++;
        }
        return counts;
    }

    private static String cell(int count, int exact) {
        return exact == 0 ? " " + count + " |" : String.format(Locale.ROOT, " %d (%.0f %%) |", count, 100.0 * count / exact);
    }

    static Outcome run(Rooms rooms, Mechanism mechanism, Negotiation n, int rounds, Schedule schedule, long seed) {
        Random random = new Random(seed);
        String room = rooms.open(n.agenda(), new PrivacyLevel(mechanism.width()));
        List<String> parties = n.agenda().parties();
        int[] reservation = new int[parties.size()];
        int[] start = new int[parties.size()];
        for (int party = 0; party < parties.size(); party++) {
            PartyProfile profile = n.profile(party);
            reservation[party] = profile.floor();
            int best = 0;
            for (int[] pkg : n.packages()) if (Strategy.allowed(profile, pkg)) best = Math.max(best, Engine.utility(profile, pkg));
            start[party] = schedule == Schedule.CONCEDING ? Math.max(reservation[party], best - 300) : reservation[party];
        }
        boolean[] narrowed = new boolean[parties.size()];
        if (mechanism.upfront()) {
            for (int party = 0; party < parties.size(); party++) {
                rooms.send(new NarrowPrivacy(room, parties.get(party), NARROWED, Rooms.AT));
                narrowed[party] = true;
            }
            rooms.newEvents(room);
        }
        int visibleAt = 0;
        for (int round = 1; round <= rounds; round++) {
            List<Interests> interests = new ArrayList<>();
            List<PartyProfile> profiles = new ArrayList<>();
            for (int party = 0; party < parties.size(); party++) {
                int step = (start[party] - reservation[party] + CONCESSION_ROUNDS - 2) / (CONCESSION_ROUNDS - 1);
                int floor = Math.max(reservation[party], start[party] - (round - 1) * step);
                interests.add(n.withFloor(party, floor));
                profiles.add(n.profile(interests.get(party)));
            }
            ProposalsComputed computed = rooms.round(room, n.agenda(), interests, random.nextLong());
            Map<String, List<SafeOffer>> safe = mechanism.safeOffers() && computed.safeOffers() != null
                    ? computed.safeOffers() : Map.of();
            boolean anySafe = safe.values().stream().anyMatch(l -> l != null && !l.isEmpty());
            if (visibleAt == 0 && (!computed.packages().isEmpty() || anySafe)) visibleAt = round;
            if (!computed.packages().isEmpty()) {
                int[] pkg = n.options().indices(computed.packages().get(0).pkg());
                if (!Engine.acceptable(profiles, pkg)) throw new IllegalStateException(n.name() + ": a public package fails a true floor");
                return new Outcome(visibleAt, round);
            }
            for (int party = 0; party < parties.size(); party++) {
                List<SafeOffer> own = safe.get(parties.get(party));
                if (own == null || own.isEmpty()) continue;
                if (offerAccepted(rooms, room, n, parties, profiles, party, own.get(0))) return new Outcome(visibleAt, round);
            }
            if (mechanism.narrowing() && mechanism.width() > NARROWED) {
                for (int party = 0; party < parties.size(); party++) {
                    List<SafeOffer> own = safe.get(parties.get(party));
                    if (!narrowed[party] && (own == null || own.isEmpty())) {
                        rooms.send(new NarrowPrivacy(room, parties.get(party), NARROWED, Rooms.AT));
                        rooms.newEvents(room);
                        narrowed[party] = true;
                    }
                }
            }
        }
        return new Outcome(visibleAt, 0);
    }

    /** The party offers its safe offer in the room; each other party accepts it if it clears its own floor and limits. */
    private static boolean offerAccepted(Rooms rooms, String room, Negotiation n, List<String> parties,
                                         List<PartyProfile> profiles, int offerer, SafeOffer offer) {
        int[] pkg = n.options().indices(offer.pkg());
        if (!Engine.acceptable(profiles, pkg)) throw new IllegalStateException(n.name() + ": a safe offer fails a true floor or limit");
        rooms.newEvents(room);
        rooms.send(new MakeOffer(room, parties.get(offerer), offer.pkg(), offer.terms(), Rooms.AT));
        String ref = rooms.newEvents(room).stream().filter(e -> e instanceof OfferMade).map(e -> ((OfferMade) e).ref())
                .findFirst().orElseThrow();
        for (int party = 0; party < parties.size(); party++) {
            if (party == offerer) continue;
            if (!Engine.acceptable(List.of(profiles.get(party)), pkg)) return false;
            rooms.send(new Accept(room, parties.get(party), ref, Rooms.AT));
        }
        return rooms.newEvents(room).stream().anyMatch(e -> e instanceof AgreementReached);
    }
}
