package negotiation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The work limit: precise, deterministic, and never reached by two-party rooms; the caps at room creation. */
class EngineLimitsTest {

    @Test
    void aRoundOverTheWorkLimitFailsWithAPreciseMessageEveryTime() {
        int[] options = new int[12];
        Arrays.fill(options, 5);
        List<PartyProfile> parties = random(options, 3, new Random(1));
        EngineLimits tight = new EngineLimits(50_000, EngineLimits.DEFAULT_MAX_CANDIDATES);
        String first = assertThrows(FrontierTooLargeException.class, () -> Engine.computeRound(options, parties, 1, tight)).getMessage();
        assertEquals("the exact Pareto frontier of these 3 parties' interests over 12 issues needs more than the engine's limit"
                + " of 50000 work units (about 1 ms on the reference machine): proposals cannot be computed exactly;"
                + " fewer issues or options, or fewer distinct values, make it smaller", first);
        // deterministic: the same inputs always fail, whatever the seed or the machine's load
        for (long seed = 0; seed < 5; seed++) {
            assertEquals(first, assertThrows(FrontierTooLargeException.class,
                    () -> Engine.computeRound(options, parties, 1, tight)).getMessage());
        }
        assertThrows(FrontierTooLargeException.class,
                () -> Engine.improvement(options, parties, new int[options.length], tight));
        // the default limit suffices; floors of 0 leave every package acceptable
        assertTrue(Engine.computeRound(options, parties, 1).zopa());
    }

    @Test
    void theCandidateLimitBoundsMemory() {
        int[] options = {64, 64, 64};
        List<PartyProfile> parties = random(options, 4, new Random(2));
        EngineLimits few = new EngineLimits(EngineLimits.DEFAULT_MAX_WORK, 100);
        String message = assertThrows(FrontierTooLargeException.class, () -> Engine.computeRound(options, parties, 1, few)).getMessage();
        assertTrue(message.contains("more than the engine's limit of 100 candidate packages at once"), message);
    }

    @Test
    void roomsAreRefusedAtCreationOnlyFromFourPartiesOn() {
        int[] largest = new int[50];
        Arrays.fill(largest, 1001);
        assertTrue(AgendaFeasibility.refusal(largest, 2, EngineLimits.DEFAULT).isEmpty());
        assertTrue(AgendaFeasibility.refusal(largest, 3, EngineLimits.DEFAULT).isEmpty());
        assertTrue(AgendaFeasibility.refusal(largest, 4, EngineLimits.DEFAULT).orElseThrow().startsWith(
                "the agenda has more than 9e18 packages; with 4 parties the engine cannot compute a round on it"));
        assertTrue(AgendaFeasibility.refusal(new int[] {10, 10, 10, 10, 10, 10, 10, 10, 10}, 4, EngineLimits.DEFAULT).isEmpty());
        assertTrue(AgendaFeasibility.refusal(new int[] {100, 100, 100}, 6, EngineLimits.DEFAULT).isEmpty());
    }

    @Test
    void configuredLimitsFollowTheSystemProperty() {
        String previous = System.getProperty(EngineLimits.MAX_WORK_PROPERTY);
        try {
            System.clearProperty(EngineLimits.MAX_WORK_PROPERTY);
            assertEquals(EngineLimits.DEFAULT, EngineLimits.configured());
            System.setProperty(EngineLimits.MAX_WORK_PROPERTY, "12345");
            assertEquals(12345, EngineLimits.configured().maxWork());
        } finally {
            if (previous == null) System.clearProperty(EngineLimits.MAX_WORK_PROPERTY);
            else System.setProperty(EngineLimits.MAX_WORK_PROPERTY, previous);
        }
    }

    static List<PartyProfile> random(int[] options, int parties, Random random) {
        List<PartyProfile> profiles = new ArrayList<>();
        for (int party = 0; party < parties; party++) {
            int[] weights = new int[options.length];
            for (int unit = 0; unit < 100; unit++) weights[random.nextInt(options.length)]++;
            int[][] points = new int[options.length][];
            for (int issue = 0; issue < options.length; issue++) {
                points[issue] = new int[options[issue]];
                for (int o = 0; o < options[issue]; o++) points[issue][o] = weights[issue] * random.nextInt(101);
            }
            profiles.add(new PartyProfile(points, Scenarios.allAllowed(options), 0));
        }
        return profiles;
    }
}
