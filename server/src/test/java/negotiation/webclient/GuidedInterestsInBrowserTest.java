package negotiation.webclient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static negotiation.webclient.ElicitationInBrowserTest.at;
import static negotiation.webclient.ElicitationInBrowserTest.choice;
import static negotiation.webclient.ElicitationInBrowserTest.posRoom;
import static negotiation.webclient.ElicitationInBrowserTest.submitted;
import static negotiation.webclient.ElicitationInBrowserTest.utility;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A first-time point-of-sale buyer sets its interests by the guided path alone, top to bottom as
 * the page lays it out: the options put in order by taps, the trade-off questions, the least it
 * would still take, then submit. Only clicks: no typed number, no key. A choice from a drop-down
 * counts as two clicks (open it, pick). The path ends in a submitted interests frame whose weights
 * keep the buyer's priorities and whose walk-away point is the chosen package's score, in at
 * most {@link #MOST_CLICKS} clicks (the 2 minutes of clicks: docs/web-client.md
 * estimates the time). Desktop and phone; screenshots of each screen go to
 * target/webclient-screenshots.
 */
@ExtendWith(BlockedThreadWatch.class)
class GuidedInterestsInBrowserTest extends ServerAndBrowser {
    private static final Path SHOTS = Paths.get("target", "webclient-screenshots");
    static final int MOST_CLICKS = 30;

    int clicks;

    void click(Locator target) {
        target.click();
        clicks++;
    }

    void pick(Locator select, String label) {
        select.selectOption(new SelectOption().setLabel(label));
        clicks += 2;
    }

    void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")));
    }

    @ParameterizedTest
    @CsvSource({"1280, 800, desktop", "390, 844, phone"})
    void theBuyerSetsItsInterestsByClicksAlone(int width, int height, String device) throws Exception {
        Files.createDirectories(SHOTS);
        RoomClient.Room room = posRoom();
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
        context.setDefaultTimeout(15_000);
        contexts.add(context);
        Page page = context.newPage();
        page.onPageError(pageErrors::add);
        List<String> sent = new CopyOnWriteArrayList<>();
        page.onWebSocket(ws -> ws.onFrameSent(frame -> sent.add(frame.text())));
        // the invitation link is where a first-timer starts: following it is not a click here
        page.navigate(server.url() + "#room=" + room.id() + "&token=" + room.token("buyer"));
        assertThat(at(page, "connection")).containsText("Connected");
        click(at(page, "next-go"));
        assertThat(at(page, "interests-editor")).isVisible();
        shot(page, "guided-1-start-" + device);

        // options best first, by taps (a tap moves an option one place up)
        for (String option : new String[] {"support:1 year", "support:1 year", "support:6 months", "training:included",
                "payment:3 instalments over 6 months"}) {
            click(at(page, "move=" + option));
        }
        assertThat(page.locator("[data-order=support] li").first()).hasAttribute("data-option", "support:1 year");
        shot(page, "guided-2-ordered-" + device);

        // the questions, answered as the scenario's buyer would
        JsonNode truth = Scenarios.json("pos-system").get("interests").get("buyer");
        click(at(page, "start-questions"));
        int asked = 0;
        while (at(page, "answer=a").count() > 0) {
            if (asked == 0) {
                at(page, "questions").scrollIntoViewIfNeeded();
                shot(page, "guided-3-question-" + device);
            }
            double a = utility(truth, choice(page, "a"));
            double b = utility(truth, choice(page, "b"));
            click(at(page, "answer=" + (Math.abs(a - b) <= 300 ? "same" : a > b ? "a" : "b")));
            asked++;
        }
        assertTrue(asked <= 10, "at most 10 questions: " + asked);
        assertThat(at(page, "weight-words")).containsText("Price matters");
        shot(page, "guided-4-answered-" + device);

        // the least it would still take: 5200 USD, 6 months, no training, upfront
        pick(at(page, "walk-away=price"), "5200 USD");
        pick(at(page, "walk-away=support"), "6 months");
        pick(at(page, "walk-away=training"), "not included");
        pick(at(page, "walk-away=payment"), "upfront");
        assertThat(at(page, "walk-away-score")).containsText("that is your walk-away point");
        at(page, "walk-away-score").scrollIntoViewIfNeeded();
        shot(page, "guided-5-walk-away-" + device);
        String floor = at(page, "floor").inputValue();

        click(at(page, "submit-interests"));
        assertThat(at(page, "message")).containsText("Your interests were submitted");
        shot(page, "guided-6-submitted-" + device);
        JsonNode interests = submitted(sent);
        assertEquals(Math.round(Double.parseDouble(floor) * 100), interests.get("floor").asLong(), "the walk-away package's score is the walk-away point");
        JsonNode w = interests.get("weights");
        assertTrue(w.get("price").asInt() > w.get("training").asInt(), "the fitted weights keep the buyer's priorities: " + w);
        assertEquals(100, interests.get("values").get("support").get("1 year").asInt(), interests.toString());
        System.out.printf("guided interests on %s: %d clicks (%d questions)%n", device, clicks, asked);
        assertTrue(clicks <= MOST_CLICKS, "the guided path takes " + clicks + " clicks, more than " + MOST_CLICKS);
    }
}
