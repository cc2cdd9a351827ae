package negotiation.room;

import java.time.Instant;
import java.util.List;
import negotiation.engine.DrawRule;
import negotiation.engine.EngineLimits;
import negotiation.engine.PartyProfile;
import negotiation.events.Interests;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;

class ExploreSafeTest {
    @Test
    void explore() {
        AgendaOptions options = new AgendaOptions(Scenarios.agenda("pos-system"));
        for (int[] fl : new int[][] {{5500, 4500}, {5600, 4800}, {5700, 4800}, {5650, 4850}, {5800, 4900}, {5500, 5000}, {6000, 4600}}) {
            Interests b = Scenarios.interests("pos-system", "buyer");
            Interests s = Scenarios.interests("pos-system", "seller");
            b = new Interests(b.weights(), b.values(), fl[0], b.limits(), b.aspiration());
            s = new Interests(s.weights(), s.values(), fl[1], s.limits(), s.aspiration());
            List<PartyProfile> profiles = List.of(InterestsRules.compile(options, b), InterestsRules.compile(options, s));
            int pubEmpty = 0, safeWhenEmpty = 0, pub = 0, hidden = 0;
            for (long seed = 0; seed < 300; seed++) {
                FloorPrivacy fp = new FloorPrivacy();
                Rounds.Computed c = Rounds.round("r", 1, options, List.of("buyer", "seller"), profiles, fp, seed,
                        EngineLimits.DEFAULT, DrawRule.FAIR_FIRST, Instant.EPOCH);
                if (c.event().packages().isEmpty()) {
                    pubEmpty++;
                    if (c.event().safeOffers() != null) safeWhenEmpty++; else hidden++;
                } else pub++;
            }
            System.out.println("floors " + fl[0] + "/" + fl[1] + ": public " + pub + ", empty " + pubEmpty + " (safe " + safeWhenEmpty + ", hidden " + hidden + ")");
        }
    }
}
