package negotiation.bench.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import negotiation.engine.PartyProfile;

/**
 * Seeded random agendas as rooms produce them: per party, weights summing to 100 (each issue gets
 * a share), a value 0..100 per option, points = weight x value; floors at 30 % of the range, no
 * limits. The same seed always gives the same agenda.
 */
public final class Agendas {

    /** One agenda: option counts and the parties' compiled profiles. */
    public record Agenda(String name, int[] optionCounts, List<PartyProfile> parties) {
    }

    private Agendas() {
    }

    public static Agenda random(int parties, int issues, int options, long seed) {
        Random random = new Random(seed);
        int[] optionCounts = new int[issues];
        Arrays.fill(optionCounts, options);
        List<PartyProfile> profiles = new ArrayList<>();
        for (int party = 0; party < parties; party++) {
            int[] weights = weights(issues, random);
            int[][] points = new int[issues][options];
            boolean[][] allowed = new boolean[issues][options];
            for (int issue = 0; issue < issues; issue++) {
                for (int option = 0; option < options; option++) {
                    points[issue][option] = weights[issue] * random.nextInt(101);
                }
                Arrays.fill(allowed[issue], true);
            }
            profiles.add(new PartyProfile(points, allowed, 3000));
        }
        return new Agenda(parties + " parties, " + issues + " x " + options, optionCounts, List.copyOf(profiles));
    }

    /** Weights summing to exactly 100, every issue at least 0, drawn as a random composition. */
    private static int[] weights(int issues, Random random) {
        int[] weights = new int[issues];
        for (int unit = 0; unit < 100; unit++) weights[random.nextInt(issues)]++;
        return weights;
    }
}
