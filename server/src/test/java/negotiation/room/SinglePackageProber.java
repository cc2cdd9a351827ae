package negotiation.room;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import negotiation.engine.Engine;
import negotiation.engine.PartyProfile;
import negotiation.events.Agenda;
import negotiation.events.Interests;
import negotiation.events.Limit;

/**
 * The single-package probe: a party that knows the victim's weights and values makes
 * exactly one package acceptable to itself (limits pin every issue; it values that package at 10000,
 * floor 0), the one whose victim utility is nearest the middle of what it has not ruled out, and
 * reads each round's zopa bit as "the victim's floor is at most that utility": a binary search.
 */
public final class SinglePackageProber {
    private final AgendaOptions options;
    private final PartyProfile victim;
    private int lo = 0;
    private int hi = 10_000;
    private int asked;

    public SinglePackageProber(Agenda agenda, Interests victimInterests) {
        this.options = new AgendaOptions(agenda);
        this.victim = InterestsRules.compile(options, victimInterests);
    }

    /** The interests for the next round. */
    public Interests next() {
        int target = (lo + hi) / 2;
        int[] best = null;
        int bestDistance = Integer.MAX_VALUE;
        int[] counts = options.optionCounts();
        int[] pkg = new int[counts.length];
        while (true) {
            int distance = Math.abs(Engine.utility(victim, pkg) - target);
            if (distance < bestDistance) {
                best = pkg.clone();
                bestDistance = distance;
            }
            int issue = counts.length - 1;
            while (issue >= 0 && ++pkg[issue] == counts[issue]) pkg[issue--] = 0;
            if (issue < 0) break;
        }
        asked = Engine.utility(victim, best);
        Map<String, Integer> weights = new LinkedHashMap<>();
        Map<String, Object> values = new HashMap<>();
        Map<String, Limit> limits = new HashMap<>();
        for (int issue = 0; issue < counts.length; issue++) {
            String id = options.issue(issue).id();
            weights.put(id, issue == 0 ? 100 - 100 / counts.length * (counts.length - 1) : 100 / counts.length);
            Map<String, Integer> byOption = new LinkedHashMap<>();
            for (int o = 0; o < counts[issue]; o++) byOption.put(options.keys(issue).get(o), o == best[issue] ? 100 : 0);
            values.put(id, byOption);
            if (options.isRange(issue)) {
                int value = ((Number) options.wireValue(issue, best[issue])).intValue();
                limits.put(id, new Limit(value, value, null));
            } else {
                String kept = options.keys(issue).get(best[issue]);
                List<String> others = options.keys(issue).stream().filter(k -> !k.equals(kept)).toList();
                limits.put(id, new Limit(null, null, others.isEmpty() ? null : others));
            }
        }
        return new Interests(weights, values, 0, limits, null);
    }

    /** What the round said: a zopa means the victim's floor is at most the asked package's utility. */
    public void saw(boolean zopa) {
        if (zopa) hi = Math.min(hi, asked);
        else lo = Math.max(lo, asked + 1);
    }

    /** The prober's own bookkeeping: the interval it believes holds the floor. */
    public int[] believed() {
        return new int[] {lo, hi};
    }
}
