package negotiation.room;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import negotiation.engine.PartyProfile;
import negotiation.events.Agenda;
import negotiation.events.Interests;
import negotiation.events.Issue;
import negotiation.events.Limit;
import negotiation.events.Range;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;

/** The low / high shorthands round half up, exactly; weights and limits compile as the protocol says (docs/asyncapi.yaml, Interests). */
class InterestsRulesTest {
    @Test
    void lowAndHighRoundHalfUpOnThePosPriceRange() {
        AgendaOptions pos = new AgendaOptions(Scenarios.agenda("pos-system"));
        PartyProfile buyer = InterestsRules.compile(pos, Scenarios.interests("pos-system", "buyer"));
        PartyProfile seller = InterestsRules.compile(pos, Scenarios.interests("pos-system", "seller"));
        // 4800..5600 by 100: 100*(5600-x)/800 = 100, 87.5, 75, 62.5, 50, 37.5, 25, 12.5, 0
        int[] low = {100, 88, 75, 63, 50, 38, 25, 13, 0};
        for (int i = 0; i < low.length; i++) {
            assertEquals(45 * low[i], buyer.points()[0][i], "buyer (low, weight 45) at option " + i);
            assertEquals(70 * low[low.length - 1 - i], seller.points()[0][i], "seller (high, weight 70) at option " + i);
        }
    }

    @Test
    void thirdsRoundToTheNearest() {
        Agenda agenda = new Agenda("t", List.of("a", "b"), List.of(new Issue("n", null, null, null, new Range(0, 3, 1))));
        AgendaOptions options = new AgendaOptions(agenda);
        PartyProfile low = InterestsRules.compile(options, new Interests(Map.of("n", 1), Map.of("n", "low"), 0, null, null));
        assertArrayEquals(new int[] {100, 67, 33, 0}, low.points()[0]);
    }

    @Test
    void limitsBecomeDisallowedOptions() {
        AgendaOptions pos = new AgendaOptions(Scenarios.agenda("pos-system"));
        Interests buyer = Scenarios.interests("pos-system", "buyer");
        Interests limited = new Interests(buyer.weights(), buyer.values(), 5500,
                Map.of("price", new Limit(4900, 5000, null), "support", new Limit(null, null, List.of("none"))), null);
        PartyProfile profile = InterestsRules.compile(pos, limited);
        assertArrayEquals(new boolean[] {false, true, true, false, false, false, false, false, false}, profile.allowed()[0]);
        assertArrayEquals(new boolean[] {false, true, true}, profile.allowed()[1]);
        assertEquals(5500, profile.floor());
    }

    @Test
    void anIssueWithoutWeightIsWorthNothing() {
        AgendaOptions orange = new AgendaOptions(Scenarios.agenda("orange"));
        PartyProfile anna = InterestsRules.compile(orange, Scenarios.interests("orange", "anna"));
        assertArrayEquals(new int[] {10000, 5000, 0}, anna.points()[0]);
        assertArrayEquals(new int[] {0, 0, 0}, anna.points()[1]);
    }
}
