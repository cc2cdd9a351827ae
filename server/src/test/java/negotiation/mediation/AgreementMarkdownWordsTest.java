package negotiation.mediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.HttpAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Markdown agreement speaks as the app and the session report do: the parties by their
 * display names, the outcome in words, the privacy level by its name in points of 100, the time
 * as the report prints it, and who made the agreed offer.
 */
@ExtendWith(BlockedThreadWatch.class)
class AgreementMarkdownWordsTest {
    @TempDir
    Path data;

    @Test
    void theMarkdownUsesTheAppsNamesUnitsAndWords() throws Exception {
        try (DeskSession room = DeskSession.open(data).toFirstAgreement()) {
            for (String role : List.of("buyer", "seller", "mediator")) {
                HttpAnswer answer = room.get("/agreement?format=md", role);
                assertEquals(200, answer.status(), answer.body());
                String md = answer.body();
                assertTrue(md.contains("Agreed on Seller Ltd's offer: every party accepted it."), md);
                assertTrue(md.contains("The room's privacy level was Standard: before each round every walk-away point"
                        + " was rounded up to a band 20 points of 100 wide"), md);
                assertFalse(md.contains("2000"), "no figure in hundredths of a point:\n" + md);
                assertTrue(Pattern.compile("reached at event \\d+ \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\)").matcher(md).find(), md);
                assertFalse(Pattern.compile("\\((win|not-lose|lose)\\)").matcher(md).find(), "outcomes in words:\n" + md);
            }
            String mediator = room.get("/agreement?format=md", "mediator").body();
            assertTrue(mediator.contains("- Buyer Co: ") && mediator.contains("- Seller Ltd: "), mediator);
            assertTrue(mediator.contains("A package picked at random gives Buyer Co "), mediator);
            assertTrue(mediator.contains("(acceptable: at or above its walk-away point, below its aspiration)")
                    || mediator.contains("(a win: at or above its aspiration)"), mediator);
            String buyer = room.get("/agreement?format=md", "buyer").body();
            assertTrue(Pattern.compile("Your score: \\d+\\.\\d\\d % \\((a win|acceptable|a loss): ").matcher(buyer).find(), buyer);

            // the improvement's rule in the app's words, none of the mathematicians' terms
            room.acceptImprovement();
            String improved = room.get("/agreement?format=md", "mediator").body();
            assertTrue(improved.contains("The room's improvement on the earlier agreement: every party prefers this package to it"), improved);
            for (String jargon : List.of("utility", "floor", "Pareto", "post-settlement", "strictly")) {
                assertFalse(improved.contains(jargon), jargon + " in\n" + improved);
            }
        }
    }
}
