package negotiation.bench.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import negotiation.engine.Engine;
import negotiation.engine.PartyProfile;
import negotiation.events.Interests;
import negotiation.events.ProposalsComputed;
import negotiation.events.ProposedPackage;

/**
 * Honest parties: true weights and values, each floor starting 300 points below the party's best
 * package and conceding in equal steps to its reservation floor by round 6, then staying there.
 * They agree on the first round that shows a package (every shown package clears every floor the
 * round saw, so it clears their true floors). Fairness is judged on every round that recommends.
 */
final class HonestParties {
    private static final int CONCESSION_ROUNDS = 6;
    private static final int[] WITHIN = {1, 3, 5, 10, 20};
    private static final int FIXED_ROUNDS = 5;

    private HonestParties() {
    }

    static void report(List<Negotiation> negotiations, int rounds) {
        System.out.println("| mechanism | negotiations | agreed by round " + join(WITHIN, rounds)
                + " | recommendation's smallest utility / acceptable max-min: mean | rounds at >= 90 % | rounds where every shown package gives each party at least its average |");
        System.out.println("|---|---|---|---|---|---|");
        for (PrivacySuite.Mechanism mechanism : List.of(PrivacySuite.Mechanism.BEFORE, PrivacySuite.Mechanism.AFTER)) {
            int[] agreedBy = new int[WITHIN.length];
            List<Double> ratios = new ArrayList<>();
            int aboveAverage = 0;
            int recommending = 0;
            String posSplit = "";
            try (Rooms rooms = new Rooms()) {
                mechanism.configure(rooms);
                for (Negotiation n : negotiations) {
                    Run run = run(rooms, n, rounds, 11);
                    for (int i = 0; i < WITHIN.length; i++) if (run.agreedAt > 0 && run.agreedAt <= WITHIN[i]) agreedBy[i]++;
                    ratios.addAll(run.ratios);
                    aboveAverage += run.aboveAverage;
                    recommending += run.ratios.size();
                    if (n.name().startsWith("pos")) posSplit = run.firstSplit;
                }
            }
            StringBuilder agreed = new StringBuilder();
            for (int i = 0; i < WITHIN.length; i++) {
                if (WITHIN[i] <= rounds) agreed.append(i == 0 ? "" : " / ").append(agreedBy[i]);
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %.3f | %.0f %% | %.0f %% |%n", mechanism.label, negotiations.size(),
                    agreed, ratios.stream().mapToDouble(d -> d).average().orElse(0),
                    100.0 * ratios.stream().filter(r -> r >= 0.9).count() / Math.max(1, ratios.size()),
                    100.0 * aboveAverage / Math.max(1, recommending));
            System.out.println("|  | POS, first recommendation (buyer / seller utility) | " + posSplit + " | | | |");
        }
        System.out.println();
        System.out.println("Reservation floors entered from round 1, " + FIXED_ROUNDS + " rounds each, every round that recommends:");
        System.out.println();
        System.out.println("| mechanism | rounds recommending / rounds | smallest utility / acceptable max-min: mean | rounds at >= 90 % | every shown package >= each party's average | POS recommendations (buyer / seller) |");
        System.out.println("|---|---|---|---|---|---|");
        for (PrivacySuite.Mechanism mechanism : List.of(PrivacySuite.Mechanism.BEFORE, PrivacySuite.Mechanism.AFTER)) {
            List<Double> ratios = new ArrayList<>();
            int aboveAverage = 0;
            StringBuilder pos = new StringBuilder();
            try (Rooms rooms = new Rooms()) {
                mechanism.configure(rooms);
                for (Negotiation n : negotiations) {
                    Run run = run(rooms, n, FIXED_ROUNDS, 13, false);
                    ratios.addAll(run.ratios);
                    aboveAverage += run.aboveAverage;
                    if (n.name().startsWith("pos")) pos.append(run.splits);
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %d / %d | %.3f | %.0f %% | %.0f %% | %s |%n", mechanism.label, ratios.size(),
                    FIXED_ROUNDS * negotiations.size(), ratios.stream().mapToDouble(d -> d).average().orElse(0),
                    100.0 * ratios.stream().filter(r -> r >= 0.9).count() / Math.max(1, ratios.size()),
                    100.0 * aboveAverage / Math.max(1, ratios.size()), pos);
        }
    }

    private static String join(int[] within, int rounds) {
        StringBuilder s = new StringBuilder();
        for (int r : within) if (r <= rounds) s.append(s.length() == 0 ? "" : " / ").append(r);
        return s.toString();
    }

    private static final class Run {
        int agreedAt;
        final List<Double> ratios = new ArrayList<>();
        int aboveAverage;
        String firstSplit = "none";
        final StringBuilder splits = new StringBuilder();
    }

    private static Run run(Rooms rooms, Negotiation n, int rounds, long seed) {
        return run(rooms, n, rounds, seed, true);
    }

    /**
     * concede: the schedule above, stopping at the first round that shows a package; otherwise
     * the reservation floors from round 1 on, every round judged (the fairness of what is shown).
     */
    private static Run run(Rooms rooms, Negotiation n, int rounds, long seed, boolean concede) {
        java.util.Random random = new java.util.Random(seed);
        Run run = new Run();
        String room = rooms.open(n.agenda());
        int[] reservation = new int[2];
        int[] start = new int[2];
        double[] average = new double[2];
        for (int party = 0; party < 2; party++) {
            PartyProfile profile = n.profile(party);
            reservation[party] = profile.floor();
            int best = 0;
            long sum = 0;
            for (int[] pkg : n.packages()) {
                best = Math.max(best, Engine.utility(profile, pkg));
                sum += Engine.utility(profile, pkg);
            }
            start[party] = Math.max(reservation[party], best - 300);
            average[party] = (double) sum / n.packages().size();
        }
        for (int round = 1; round <= rounds; round++) {
            List<Interests> interests = new ArrayList<>();
            List<PartyProfile> profiles = new ArrayList<>();
            for (int party = 0; party < 2; party++) {
                int step = (start[party] - reservation[party] + CONCESSION_ROUNDS - 2) / (CONCESSION_ROUNDS - 1);
                int floor = concede ? Math.max(reservation[party], start[party] - (round - 1) * step) : reservation[party];
                interests.add(n.withFloor(party, floor));
                profiles.add(n.profile(interests.get(party)));
            }
            ProposalsComputed computed = rooms.round(room, n.agenda(), interests, random.nextLong());
            if (computed.packages().isEmpty()) continue;
            int maxMin = 0;
            for (int[] pkg : n.packages()) {
                if (Engine.acceptable(profiles, pkg)) maxMin = Math.max(maxMin, smallest(profiles, pkg));
            }
            int[] recommended = n.options().indices(computed.packages().get(0).pkg());
            run.ratios.add(maxMin == 0 ? 1.0 : (double) smallest(profiles, recommended) / maxMin);
            boolean fair = true;
            for (ProposedPackage shown : computed.packages()) {
                int[] pkg = n.options().indices(shown.pkg());
                for (int party = 0; party < 2; party++) fair &= Engine.utility(profiles.get(party), pkg) >= average[party];
            }
            if (fair) run.aboveAverage++;
            run.splits.append(run.splits.length() == 0 ? "" : ", ").append(Engine.utility(profiles.get(0), recommended))
                    .append('/').append(Engine.utility(profiles.get(1), recommended));
            if (run.agreedAt == 0) {
                run.agreedAt = round;
                run.firstSplit = Engine.utility(profiles.get(0), recommended) + " / " + Engine.utility(profiles.get(1), recommended);
            }
            if (concede) break; // agreed: they accept the recommendation
        }
        return run;
    }

    private static int smallest(List<PartyProfile> profiles, int[] pkg) {
        int min = Integer.MAX_VALUE;
        for (PartyProfile p : profiles) min = Math.min(min, Engine.utility(p, pkg));
        return min;
    }
}
