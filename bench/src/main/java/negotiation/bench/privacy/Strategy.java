package negotiation.bench.privacy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import negotiation.engine.Engine;
import negotiation.engine.PartyProfile;
import negotiation.events.Interests;
import negotiation.events.Limit;

/**
 * What the adversary A submits each round. Every strategy knows the victim's weights, values and
 * limits (the worst case) and the exact set of victim floors consistent with everything A saw so
 * far ({@code known}, computed by the bench as A itself could); the victim re-submits the same
 * interests every round.
 */
enum Strategy {
    /** A's true interests every round: watching only. */
    PASSIVE,
    /** Binary search: A's limits leave one package, the one whose victim utility best halves {@code known}. */
    SINGLE,
    /** The single-package probe asking each question twice, to collect a second random draw. */
    REPEAT,
    /**
     * A's values mirror the victim's on one open issue, every other issue pinned, 1 to 3 options
     * open whose victim utilities cut {@code known} into quarters: one round tells which quarter.
     */
    LADDER,
    /**
     * Invented here: A copies the victim's weights and mirrors its values (A's utility = 10000 -
     * victim's for every package, so every package is on the frontier) and sets its floor so that
     * exactly the packages with victim utility up to the median of {@code known} are acceptable to
     * it: the zopa bit halves {@code known} and every drawn package adds an upper bound.
     */
    MIRROR;

    /** A's interests for this round. */
    Interests query(Negotiation n, int adversary, int victim, ConsistentFloors known, int round) {
        PartyProfile v = n.profile(victim);
        return switch (this) {
            case PASSIVE -> n.interests().get(adversary);
            // REPEAT re-sends its previous query on even rounds (the bench does that)
            case SINGLE, REPEAT -> pin(n, closest(n, v, known.median()));
            case LADDER -> ladder(n, victim, v, known);
            case MIRROR -> mirror(n, victim, v, known.median());
        };
    }

    /** The package (within the victim's limits) whose victim utility is closest to the target. */
    private static int[] closest(Negotiation n, PartyProfile victim, int target) {
        int[] best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (int[] pkg : n.packages()) {
            if (!allowed(victim, pkg)) continue;
            int distance = Math.abs(Engine.utility(victim, pkg) - target);
            if (distance < bestDistance) {
                best = pkg;
                bestDistance = distance;
            }
        }
        return best;
    }

    static boolean allowed(PartyProfile party, int[] pkg) {
        for (int issue = 0; issue < pkg.length; issue++) if (!party.allowed()[issue][pkg[issue]]) return false;
        return true;
    }

    /** Limits that leave exactly this package, values 100 on it (so it clears A's own band), floor 0. */
    static Interests pinned(Negotiation n, int[] pkg) {
        return pin(n, pkg);
    }

    private static Interests pin(Negotiation n, int[] pkg) {
        int issues = pkg.length;
        Map<String, Integer> weights = evenWeights(n, -1, 0);
        Map<String, Object> values = new HashMap<>();
        Map<String, Limit> limits = new HashMap<>();
        for (int issue = 0; issue < issues; issue++) {
            values.put(n.options().issue(issue).id(), oneHot(n, issue, pkg[issue]));
            limits.put(n.options().issue(issue).id(), only(n, issue, List.of(pkg[issue])));
        }
        return new Interests(weights, values, 0, limits, null);
    }

    private static Interests ladder(Negotiation n, int victimIndex, PartyProfile victim, ConsistentFloors known) {
        int[] targets = {known.quantile(1, 4), known.quantile(2, 4), known.quantile(3, 4)};
        int[] bestBase = null;
        int bestIssue = -1;
        List<Integer> bestOptions = null;
        long bestScore = Long.MAX_VALUE;
        for (int issue = 0; issue < n.options().issueCount(); issue++) {
            if (n.options().isRange(issue)) continue; // a range's limits cannot leave arbitrary options open
            for (int[] base : n.packages()) {
                if (base[issue] != 0 || !allowed(victim, base)) continue; // each base once per issue
                List<Integer> chosen = new ArrayList<>();
                long score = 0;
                for (int target : targets) {
                    int bestOption = -1;
                    int distance = Integer.MAX_VALUE;
                    for (int option = 0; option < n.options().optionCounts()[issue]; option++) {
                        if (!victim.allowed()[issue][option]) continue;
                        int[] pkg = base.clone();
                        pkg[issue] = option;
                        int d = Math.abs(Engine.utility(victim, pkg) - target);
                        if (d < distance) {
                            distance = d;
                            bestOption = option;
                        }
                    }
                    if (bestOption >= 0 && !chosen.contains(bestOption)) chosen.add(bestOption);
                    score += distance;
                }
                if (!chosen.isEmpty() && score < bestScore) {
                    bestScore = score;
                    bestBase = base;
                    bestIssue = issue;
                    bestOptions = chosen;
                }
            }
        }
        if (bestBase == null) return pin(n, closest(n, victim, known.median()));
        Map<String, Integer> weights = evenWeights(n, bestIssue, n.options().issueCount() == 1 ? 100 : 20);
        Map<String, Object> values = new HashMap<>();
        Map<String, Limit> limits = new HashMap<>();
        for (int issue = 0; issue < n.options().issueCount(); issue++) {
            String id = n.options().issue(issue).id();
            if (issue == bestIssue) {
                values.put(id, mirrored(n, victimIndex, victim, issue));
                limits.put(id, only(n, issue, bestOptions));
            } else {
                values.put(id, oneHot(n, issue, bestBase[issue]));
                limits.put(id, only(n, issue, List.of(bestBase[issue])));
            }
        }
        return new Interests(weights, values, 0, limits, null);
    }

    private static Interests mirror(Negotiation n, int victimIndex, PartyProfile victim, int threshold) {
        Map<String, Object> values = new HashMap<>();
        for (int issue = 0; issue < n.options().issueCount(); issue++) {
            values.put(n.options().issue(issue).id(), mirrored(n, victimIndex, victim, issue));
        }
        return new Interests(n.interests().get(victimIndex).weights(), values,
                Math.max(0, Math.min(10_000, 10_000 - threshold)), null, null);
    }

    /** 100 minus the victim's value of each option (its points divided by its weight). */
    private static Map<String, Integer> mirrored(Negotiation n, int victimIndex, PartyProfile victim, int issue) {
        int weight = n.interests().get(victimIndex).weights().getOrDefault(n.options().issue(issue).id(), 0);
        Map<String, Integer> values = new LinkedHashMap<>();
        for (int option = 0; option < n.options().optionCounts()[issue]; option++) {
            int value = weight == 0 ? 0 : victim.points()[issue][option] / weight;
            values.put(n.options().keys(issue).get(option), 100 - value);
        }
        return values;
    }

    private static Map<String, Integer> evenWeights(Negotiation n, int special, int specialWeight) {
        int issues = n.options().issueCount();
        Map<String, Integer> weights = new LinkedHashMap<>();
        int others = special < 0 ? issues : issues - 1;
        int share = others == 0 ? 0 : (100 - (special < 0 ? 0 : specialWeight)) / others;
        int left = 100;
        for (int issue = 0; issue < issues; issue++) {
            int w = issue == special ? specialWeight : share;
            weights.put(n.options().issue(issue).id(), w);
            left -= w;
        }
        String first = n.options().issue(special == 0 && issues > 1 ? 1 : 0).id();
        weights.put(first, weights.get(first) + left);
        return weights;
    }

    private static Map<String, Integer> oneHot(Negotiation n, int issue, int option) {
        Map<String, Integer> values = new LinkedHashMap<>();
        for (int o = 0; o < n.options().optionCounts()[issue]; o++) values.put(n.options().keys(issue).get(o), o == option ? 100 : 0);
        return values;
    }

    private static Limit only(Negotiation n, int issue, List<Integer> options) {
        if (n.options().isRange(issue)) {
            int value = ((Number) n.options().wireValue(issue, options.get(0))).intValue();
            return new Limit(value, value, null);
        }
        List<String> excluded = new ArrayList<>();
        for (int o = 0; o < n.options().optionCounts()[issue]; o++) {
            if (!options.contains(o)) excluded.add(n.options().keys(issue).get(o));
        }
        return new Limit(null, null, excluded.isEmpty() ? null : excluded);
    }
}
