package negotiation.webclient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import negotiation.Json;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Interests without numbers, taken in Chromium by each path to a submitted interests frame: the
 * options put in order (keys, a tap, a drag), the weights from trade-off questions (keyboard
 * only), and the walk-away point from "the least you would still take". Each checks the frame the
 * page sent, axe on the new screens, and that the private line about the alternative never
 * leaves the browser. Screenshots go to target/webclient-screenshots (copied into docs/screenshots).
 */
@ExtendWith(BlockedThreadWatch.class)
class ElicitationInBrowserTest extends ServerAndBrowser {
    private static final Path SHOTS = Paths.get("target", "webclient-screenshots");
    private static final String ALTERNATIVE = "our current supplier at 5,300 with no training";

    final List<String> dialogs = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void shotsDirectory() throws Exception {
        Files.createDirectories(SHOTS);
    }

    /** The point-of-sale room with no interests yet. */
    static RoomClient.Room posRoom() {
        ObjectNode body = (ObjectNode) Scenarios.json("pos-system");
        body.remove("interests");
        HttpAnswer created = client.post("/api/rooms", body.toString());
        assertEquals(201, created.status(), created.body());
        return new RoomClient.Room(created.json().get("roomId").asText(), created.json().get("invites"));
    }

    /** The buyer's page on its interests step; what its socket sends goes to {@code sent}. */
    Page buyer(RoomClient.Room room, BrowserContext context, List<String> sent) {
        Page page = context.newPage();
        page.onPageError(pageErrors::add);
        page.onDialog(d -> {
            dialogs.add(d.type());
            d.accept();
        });
        page.onWebSocket(ws -> ws.onFrameSent(frame -> sent.add(frame.text())));
        page.navigate(server.url() + "#room=" + room.id() + "&token=" + room.token("buyer"));
        assertThat(at(page, "connection")).containsText("Connected");
        at(page, "next-go").click();
        assertThat(at(page, "interests-editor")).isVisible();
        return page;
    }

    BrowserContext context(int width, int height) {
        // axe is injected as a script: the page's strict CSP would refuse it
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height).setBypassCSP(true));
        context.setDefaultTimeout(15_000);
        contexts.add(context);
        return context;
    }

    static Locator at(Page page, String hook) {
        int eq = hook.indexOf('=');
        return page.locator(eq < 0 ? "[data-" + hook + "]"
                : "[data-" + hook.substring(0, eq) + "=\"" + hook.substring(eq + 1) + "\"]");
    }

    /** The interests of the one submitInterests frame in {@code sent}. */
    static JsonNode submitted(List<String> sent) throws Exception {
        List<JsonNode> frames = new ArrayList<>();
        for (String text : sent) {
            JsonNode frame = Json.MAPPER.readTree(text);
            if ("submitInterests".equals(frame.path("type").asText())) {
                frames.add(frame.get("interests"));
            }
        }
        assertEquals(1, frames.size(), "one submitInterests frame: " + sent);
        return frames.get(0);
    }

    static void submit(Page page) {
        at(page, "submit-interests").click();
        assertThat(at(page, "message")).containsText("Your interests were submitted");
    }

    static double stepHeight(Page page) {
        page.evaluate("() => window.scrollTo(0, 0)");
        return ((Number) at(page, "step-section=interests").evaluate("el => el.getBoundingClientRect().height")).doubleValue();
    }

    static void shot(Page page, Locator part, String name) {
        part.evaluate("el => { const head = document.querySelector('[data-room-head]');"
                + " const sticky = head && getComputedStyle(head).position === 'sticky' ? head.getBoundingClientRect().height : 0;"
                + " window.scrollTo(0, window.scrollY + el.getBoundingClientRect().top - sticky - 12); }");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")));
    }

    @Test
    void theBuyerPutsOptionsInOrderByKeysATapAndADrag() throws Exception {
        RoomClient.Room room = posRoom();
        List<String> sent = new CopyOnWriteArrayList<>();
        Page page = buyer(room, context(1280, 800), sent);
        assertTrue(stepHeight(page) <= 1.5 * 800, "the interests step fits 1.5 viewports: " + stepHeight(page));
        // keys: "1 year" from third to first
        at(page, "move=support:1 year").focus();
        page.keyboard().press("ArrowUp");
        page.keyboard().press("ArrowUp");
        assertThat(at(page, "order-news")).hasText("1 year: now 1 of 3.");
        assertThat(at(page, "move=support:1 year")).isFocused();
        at(page, "move=support:6 months").focus();
        page.keyboard().press("ArrowUp");
        // a tap moves one place up
        at(page, "move=training:included").click();
        // a drag: the instalments onto the first place
        at(page, "move=payment:3 instalments over 6 months").dragTo(page.locator("[data-order=payment] li").first());
        assertThat(page.locator("[data-order=support] li").first()).hasAttribute("data-option", "support:1 year");
        assertThat(page.locator("[data-order=payment] li").first()).hasAttribute("data-option", "payment:3 instalments over 6 months");
        assertEquals(List.of(), Axe.violations(page), "axe on the ordered options");
        shot(page, at(page, "order=support").locator("xpath=../.."), "interests-order-desktop");
        // the worths stay adjustable: 6 months is nearly as good as a year
        at(page, "value=support:6 months").fill("80");
        submit(page);
        JsonNode interests = submitted(sent);
        assertEquals(Json.MAPPER.readTree("{\"1 year\": 100, \"6 months\": 80, \"none\": 0}"), interests.get("values").get("support"));
        assertEquals(Json.MAPPER.readTree("{\"included\": 100, \"not included\": 0}"), interests.get("values").get("training"));
        assertEquals(Json.MAPPER.readTree("{\"3 instalments over 6 months\": 100, \"upfront\": 0}"), interests.get("values").get("payment"));
        assertEquals("low", interests.get("values").get("price").asText());
    }

    @Test
    void theBuyerFindsItsPrioritiesByAnsweringQuestionsWithTheKeyboardAlone() throws Exception {
        RoomClient.Room room = posRoom();
        List<String> sent = new CopyOnWriteArrayList<>();
        Page page = buyer(room, context(1280, 800), sent);
        JsonNode truth = Scenarios.json("pos-system").get("interests").get("buyer");
        // the scenario buyer's own order, by keys: a year of support first; training and
        // instalments only after two questions, which then go on under the new order
        moveUp(page, new String[][] {{"support:1 year", "2"}, {"support:6 months", "1"}});
        at(page, "start-questions").focus();
        page.keyboard().press("Enter");
        int asked = 0;
        while (at(page, "answer=a").count() > 0) {
            if (asked == 2) {
                moveUp(page, new String[][] {{"training:included", "1"}, {"payment:3 instalments over 6 months", "1"}});
                assertThat(at(page, "value=training:included")).hasValue("100");
                at(page, "answer=a").focus();
            }
            assertThat(at(page, "answer=a")).isFocused();
            if (asked == 0) {
                assertEquals(List.of(), Axe.violations(page), "axe on a question");
                shot(page, at(page, "questions"), "interests-question-desktop");
            }
            double a = utility(truth, choice(page, "a"));
            double b = utility(truth, choice(page, "b"));
            // the focus starts on the first package's button; the second's and "about the same" are one and two tabs on
            int tabs = Math.abs(a - b) <= 300 ? 2 : a > b ? 0 : 1;
            for (int k = 0; k < tabs; k++) {
                page.keyboard().press("Tab");
            }
            page.keyboard().press("Enter");
            asked++;
            assertTrue(asked <= 10, "at most 10 questions");
        }
        assertTrue(asked >= 4, "questions asked: " + asked);
        assertThat(at(page, "weight-words")).containsText("Price matters");
        assertThat(at(page, "start-questions")).hasText("Answer the questions again");
        assertThat(at(page, "weight-sum")).hasText("The weights add up to 100.");
        // the least it would still take, with the keys of each drop-down: 5200 USD, 6 months, the rest at their worst
        at(page, "walk-away=price").focus();
        for (int k = 0; k < 5; k++) {
            page.keyboard().press("ArrowDown");
        }
        for (String[] pick : new String[][] {{"support", "2"}, {"training", "1"}, {"payment", "1"}}) {
            at(page, "walk-away=" + pick[0]).focus();
            for (int k = 0; k < Integer.parseInt(pick[1]); k++) {
                page.keyboard().press("ArrowDown");
            }
        }
        assertThat(at(page, "walk-away=price")).hasValue("4");
        assertThat(at(page, "walk-away=support")).hasValue("1");
        assertThat(at(page, "walk-away=payment")).hasValue("0");
        assertThat(at(page, "walk-away-score")).containsText("with your current priorities: that is your walk-away point.");
        String floor = at(page, "floor").inputValue();
        at(page, "submit-interests").focus();
        page.keyboard().press("Enter");
        assertThat(at(page, "message")).containsText("Your interests were submitted");
        JsonNode interests = submitted(sent);
        assertEquals(Math.round(Double.parseDouble(floor) * 100), interests.get("floor").asLong(), "the walk-away package's score is the walk-away point");
        JsonNode w = interests.get("weights");
        assertTrue(w.get("price").asInt() > w.get("support").asInt() && w.get("support").asInt() > w.get("training").asInt(),
                "the fitted weights keep the buyer's priorities: " + w);
        JsonNode v = interests.get("values");
        assertEquals(100, v.get("training").get("included").asInt(), "the fit follows the order set mid-way: " + v);
        assertEquals(100, v.get("payment").get("3 instalments over 6 months").asInt(), "the fit follows the order set mid-way: " + v);
        for (String text : sent) {
            assertFalse(text.contains("rather") || text.contains("answer\""), "no question or answer is sent: " + text);
        }
    }

    /** Moves each option up by the given number of places, with the arrow keys on its handle. */
    static void moveUp(Page page, String[][] moves) {
        for (String[] move : moves) {
            at(page, "move=" + move[0]).focus();
            for (int k = 0; k < Integer.parseInt(move[1]); k++) {
                page.keyboard().press("ArrowUp");
            }
        }
    }

    /** The package one side of the question shows: the rest of it is the same on both sides. */
    static JsonNode choice(Page page, String side) throws Exception {
        return Json.MAPPER.readTree(at(page, "choice=" + side).getAttribute("data-package"));
    }

    /** The scenario's utility, as docs/protocol.md defines it. */
    static double utility(JsonNode interests, JsonNode pkg) {
        double u = 0;
        var fields = interests.get("weights").fields();
        while (fields.hasNext()) {
            var e = fields.next();
            JsonNode spec = interests.get("values").get(e.getKey());
            double value;
            if (spec.isTextual()) {
                double x = pkg.get(e.getKey()).asDouble();
                value = "low".equals(spec.asText()) ? Math.floor((2 * 100 * (5600 - x) + 800) / 1600) : Math.floor((2 * 100 * (x - 4800) + 800) / 1600);
            } else {
                value = spec.get(pkg.get(e.getKey()).asText()).asDouble();
            }
            u += e.getValue().asInt() * value;
        }
        return u;
    }

    @Test
    void theWalkAwayPointComesFromAPackageAndItsPrivateLineStaysInTheBrowser() throws Exception {
        RoomClient.Room room = posRoom();
        List<String> sent = new CopyOnWriteArrayList<>();
        BrowserContext context = context(1280, 800);
        Page page = buyer(room, context, sent);
        at(page, "walk-away=price").selectOption(new SelectOption().setLabel("5200 USD"));
        at(page, "walk-away=support").selectOption(new SelectOption().setLabel("6 months"));
        at(page, "walk-away=training").selectOption(new SelectOption().setLabel("not included"));
        assertThat(at(page, "walk-away-score")).containsText("Choose an option on every issue");
        at(page, "walk-away=payment").selectOption(new SelectOption().setLabel("upfront"));
        // equal weights, the options evenly spaced in the agenda's order (not included and upfront
        // first): 25 * 50 + 25 * 50 + 25 * 100 + 25 * 100
        assertThat(at(page, "walk-away-score")).hasText("This package scores 75.00 % with your current priorities: that is your walk-away point.");
        assertThat(at(page, "floor")).hasValue("75.00");
        // the package is scored again when the weights move
        at(page, "weight-slider=price").fill("55");
        assertThat(at(page, "walk-away-score")).containsText("This package scores 65.00 %");
        assertThat(at(page, "floor")).hasValue("65.00");
        at(page, "alternative").fill(ALTERNATIVE);
        assertEquals(List.of(), Axe.violations(page), "axe on the walk-away package");
        shot(page, at(page, "walk-away-score").locator("xpath=.."), "interests-walk-away-desktop");

        // a reload with edits not submitted asks first; the private line is still there after it
        page.reload();
        assertEquals(List.of("beforeunload"), dialogs, "the browser asked before dropping the edits");
        at(page, "next-go").click();
        assertThat(at(page, "alternative")).hasValue(ALTERNATIVE);
        assertThat(at(page, "walk-away=payment")).hasValue("0");
        at(page, "weight-slider=price").fill("55");
        submit(page);
        JsonNode interests = submitted(sent);
        assertEquals(6500, interests.get("floor").asInt(), interests.toString());
        for (String text : sent) {
            assertFalse(text.contains("5,300"), "the private line is never sent: " + text);
        }
        page.reload();
        assertEquals(1, dialogs.size(), "no question once the interests are submitted");

        // the phone: the step fits three screens; the new parts photographed
        Page phone = buyer(room, context(390, 844), new CopyOnWriteArrayList<>());
        at(phone, "interests-editor").locator("> summary").click();
        assertTrue(stepHeight(phone) <= 3 * 844, "the interests step fits 3 phone screens: " + stepHeight(phone));
        assertEquals(List.of(), Axe.violations(phone), "axe on the phone");
        shot(phone, at(phone, "order=support").locator("xpath=../.."), "interests-order-phone");
        shot(phone, at(phone, "walk-away-score").locator("xpath=.."), "interests-walk-away-phone");
        at(phone, "start-questions").click();
        shot(phone, at(phone, "questions"), "interests-question-phone");
        assertEquals(List.of(), Axe.violations(phone), "axe on a question on the phone");
    }
}
