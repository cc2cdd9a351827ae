package negotiation.mediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Random;
import negotiation.engine.Engine;
import negotiation.engine.PartyProfile;
import negotiation.room.AgendaOptions;
import negotiation.room.InterestsRules;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fairness story each party can check: every round and the agreement tell a party
 * what a package picked at random gives it on average and what the middle of every range and
 * list gives it, from its own interests only.
 */
class YardsticksTest {
    @TempDir
    Path data;

    @Test
    void theAverageIsTheMeanOverEveryPackageAndTheMiddleIsTheMiddlePackage() {
        Random random = new Random(16);
        for (int trial = 0; trial < 200; trial++) {
            int issues = 1 + random.nextInt(4);
            int[][] points = new int[issues][];
            int weightLeft = 100;
            for (int issue = 0; issue < issues; issue++) {
                int weight = issue == issues - 1 ? weightLeft : random.nextInt(weightLeft + 1);
                weightLeft -= weight;
                points[issue] = new int[2 + random.nextInt(5)];
                for (int option = 0; option < points[issue].length; option++) {
                    points[issue][option] = weight * random.nextInt(101);
                }
            }
            PartyProfile profile = new PartyProfile(points, null, 0);
            long total = 0;
            long count = 0;
            int[] pkg = new int[issues];
            do {
                total += Engine.utility(profile, pkg);
                count++;
            } while (next(pkg, points));
            int mean = new BigDecimal(total).divide(new BigDecimal(count), 0, RoundingMode.HALF_UP).intValueExact();
            assertEquals(mean, Engine.averageUtility(profile), "trial " + trial);
            int[] middle = new int[issues];
            for (int issue = 0; issue < issues; issue++) {
                middle[issue] = (points[issue].length - 1) / 2;
            }
            assertEquals(Engine.utility(profile, middle), Engine.middleUtility(profile), "trial " + trial);
        }
    }

    private static boolean next(int[] pkg, int[][] points) {
        for (int issue = 0; issue < pkg.length; issue++) {
            if (++pkg[issue] < points[issue].length) {
                return true;
            }
            pkg[issue] = 0;
        }
        return false;
    }

    @Test
    void eachPartySeesItsOwnYardsticksOnEveryRoundAndInTheAgreement() throws Exception {
        AgendaOptions options = new AgendaOptions(Scenarios.agenda("pos-system"));
        PartyProfile buyer = InterestsRules.compile(options, Scenarios.interests("pos-system", "buyer"));
        PartyProfile seller = InterestsRules.compile(options, Scenarios.interests("pos-system", "seller"));
        assertFalse(Engine.averageUtility(buyer) == Engine.averageUtility(seller), "the parties' yardsticks tell them apart");
        try (PosSession session = PosSession.open(data).negotiate(true)) {
            for (String role : new String[] {"buyer", "seller"}) {
                PartyProfile own = role.equals("buyer") ? buyer : seller;
                JsonNode round = session.get("/events?after=0", role).json().get(3).get("data");
                assertEquals(1, round.get("round").asInt(), round.toString());
                assertEquals(Engine.averageUtility(own), round.at("/yardsticks/random").asInt(), role);
                assertEquals(Engine.middleUtility(own), round.at("/yardsticks/middle").asInt(), role);
                JsonNode agreement = session.get("/agreement", role).json();
                assertEquals(Engine.averageUtility(own), agreement.at("/yardsticks/random").asInt(), role);
                String markdown = session.get("/agreement?format=md", role).body();
                assertTrue(markdown.contains("A package picked at random gives you " + percent(Engine.averageUtility(own))
                        + " on average; the middle package (every issue at its middle option) gives you "
                        + percent(Engine.middleUtility(own)) + "."), markdown);
            }
            JsonNode mediatorRound = session.get("/events?after=0", "mediator").json().get(3).get("data");
            assertEquals(Engine.averageUtility(buyer), mediatorRound.at("/yardsticks/buyer/random").asInt(),
                    "a mediator sees them for unsealed parties");
            assertEquals(Engine.middleUtility(seller), mediatorRound.at("/yardsticks/seller/middle").asInt());
        }
    }

    private static String percent(int basisPoints) {
        return String.format(java.util.Locale.ROOT, "%d.%02d %%", basisPoints / 100, basisPoints % 100);
    }
}
