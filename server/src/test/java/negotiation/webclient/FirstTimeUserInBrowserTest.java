package negotiation.webclient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.SelectOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measures of a first-time user: a scripted newcomer runs the point-of-sale case (create, invite,
 * both interests, a trade, agreement) and the price-only case with an amendment, through the
 * page only, counting clicks and keystrokes. At every step, at 1280x800 the step's main content
 * fits in 1.5 viewport heights and the next action shows without scrolling; at 390x844 nothing
 * sits in a horizontal scroll box; axe-core finds no violation; no console error. Screenshots of
 * every step, desktop and phone, go to target/webclient-screenshots (copied into docs/screenshots).
 */
@ExtendWith(BlockedThreadWatch.class)
class FirstTimeUserInBrowserTest {
    static final Path SHOTS = Paths.get("target", "webclient-screenshots");
    static final Path MEASURES = Paths.get("target", "webclient-measures.txt");
    static final int WIDTH = 1280;
    static final int HEIGHT = 800;

    @TempDir
    static Path data;
    static Server server;
    static Playwright playwright;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Browsers.chromium();
        server = Server.start(new Server.Settings(0, data, 100));
        playwright = Browsers.playwright();
        browser = Browsers.launch(playwright);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        Browsers.closeAll(browser, playwright, server);
    }

    /** One person at one browser: every click and keystroke goes through here and is counted. */
    static final class Person implements AutoCloseable {
        final String name;
        final BrowserContext context;
        final Page page;
        final List<String> problems = new CopyOnWriteArrayList<>();
        int clicks;
        int keys;

        Person(String name) {
            this.name = name;
            // axe is injected as a script: the page's strict CSP would refuse it
            context = browser.newContext(new Browser.NewContextOptions().setViewportSize(WIDTH, HEIGHT).setBypassCSP(true));
            context.setDefaultTimeout(15_000);
            context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
            page = context.newPage();
            page.onPageError(problems::add);
            page.onConsoleMessage(m -> {
                if ("error".equals(m.type())) {
                    problems.add("console: " + m.text());
                }
            });
            page.onDialog(d -> d.accept());
        }

        Locator at(String hook) {
            int eq = hook.indexOf('=');
            return page.locator(eq < 0 ? "[data-" + hook + "]"
                    : "[data-" + hook.substring(0, eq) + "=\"" + hook.substring(eq + 1) + "\"]");
        }

        void click(Locator target) {
            target.click();
            clicks++;
        }

        void click(String hook) {
            click(at(hook));
        }

        /** Replaces a field's text as a person does: select it (one click), then type key by key. */
        void type(String hook, String text) {
            Locator field = at(hook);
            field.click(new Locator.ClickOptions().setClickCount(3));
            clicks++;
            field.pressSequentially(text);
            keys += text.length();
        }

        /** A choice in a drop-down: one click to open it, one to choose. */
        void choose(String hook, String label) {
            at(hook).selectOption(new SelectOption().setLabel(label));
            clicks += 2;
        }

        @Override
        public void close() {
            context.close();
        }
    }

    /**
     * Checks one screen against those measures, and photographs it at desktop and phone size.
     * `step` is the data-step-section the screen is about (null for a screen without steps).
     */
    static void measure(Person p, String screen, String step) {
        p.page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(screen + "-desktop.png")));
        List<String> violations = Axe.violations(p.page);
        assertEquals(List.of(), violations, screen + ": axe violations");
        if (step != null) {
            Locator next = p.at("next-action");
            assertTrue(inViewport(p.page, next), screen + ": the next action shows without scrolling");
            p.page.evaluate("() => window.scrollTo(0, 0)");
            double height = ((Number) p.page.locator("[data-step-section=" + step + "]").evaluate("el => el.getBoundingClientRect().height")).doubleValue();
            assertTrue(height <= 1.5 * HEIGHT, screen + ": step " + step + " is " + height + " px tall, more than 1.5 viewports");
        }
        p.page.setViewportSize(390, 844);
        Object boxes = p.page.evaluate("() => [...document.querySelectorAll('body *')].filter(el => {"
                + " const s = getComputedStyle(el);"
                + " return el.offsetParent !== null && (s.overflowX === 'auto' || s.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1;"
                + "}).map(el => el.tagName + '.' + el.className + ' ' + el.scrollWidth + '>' + el.clientWidth)");
        assertEquals(List.of(), boxes, screen + ": horizontal scroll boxes on a phone");
        double overflow = ((Number) p.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")).doubleValue();
        assertTrue(overflow <= 1, screen + ": the page is wider than a phone by " + overflow + " px: " + p.page.evaluate(
                "() => [...document.querySelectorAll('body *')].filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)"
                + ".slice(0, 8).map(el => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right))"));
        if (step != null) {
            p.page.locator("[data-step-section=" + step + "]").evaluate("el => el.scrollIntoView({ block: 'start' })");
        }
        p.page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(screen + "-phone.png")));
        p.page.setViewportSize(WIDTH, HEIGHT);
        assertEquals(List.of(), p.problems, screen + ": console errors");
    }

    static boolean inViewport(Page page, Locator element) {
        Object box = element.evaluate("el => { const r = el.getBoundingClientRect();"
                + " return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }");
        return Boolean.TRUE.equals(box);
    }

    static void goTo(Person p, String step) {
        p.click("step-link=" + step);
    }

    static void record(String journey, Person... people) throws IOException {
        StringBuilder line = new StringBuilder(journey + ":");
        int clicks = 0;
        int keys = 0;
        for (Person p : people) {
            line.append(' ').append(p.name).append(' ').append(p.clicks).append(" clicks ").append(p.keys).append(" keystrokes;");
            clicks += p.clicks;
            keys += p.keys;
        }
        line.append(" total ").append(clicks).append(" clicks ").append(keys).append(" keystrokes\n");
        System.out.print(line);
        Files.writeString(MEASURES, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The buyer's and seller's interests of the point-of-sale case, typed into the editor. */
    static void posInterests(Person p, Map<String, String> weights, String priceEnd, Map<String, String> values, String walkAway, String aspiration) {
        for (var w : weights.entrySet()) {
            p.type("weight=" + w.getKey(), w.getValue());
        }
        assertThat(p.at("weight-sum")).hasText("The weights add up to 100.");
        p.choose("value-shape=price", priceEnd);
        for (var v : values.entrySet()) {
            p.type("value=" + v.getKey(), v.getValue());
        }
        p.type("floor", walkAway);
        p.type("aspiration", aspiration);
        p.click("submit-interests");
        assertThat(p.at("message")).containsText("Your interests were submitted");
    }

    @Test
    void aFirstTimeUserCompletesThePointOfSaleCase() throws IOException {
        try (Person buyer = new Person("buyer"); Person seller = new Person("seller")) {
            buyer.page.navigate(server.url());
            measure(buyer, "1-create", null);
            buyer.click("create-room"); // the point-of-sale template is the one shown first
            assertThat(buyer.at("invites")).containsText("shown only once");
            buyer.click("copy-all");
            String sellerLink = buyer.at("invite-link=seller").inputValue();
            String buyerLink = buyer.at("invite-link=buyer").inputValue();
            measure(buyer, "2-invites", null);

            buyer.page.navigate(buyerLink);
            seller.page.navigate(sellerLink);
            for (Person p : List.of(buyer, seller)) {
                assertThat(p.at("connection")).containsText("Connected");
                assertThat(p.at("next-text")).containsText("Enter your interests");
            }
            measure(buyer, "3-agenda", "agenda");
            buyer.click("next-go");
            measure(buyer, "4-interests", "interests");
            posInterests(buyer, ordered("price", "45", "support", "25", "training", "15"), "Lower is better (4800 USD best)",
                    ordered("support:none", "0", "support:6 months", "60", "support:1 year", "100", "training:not included", "0", "training:included", "100",
                            "payment:upfront", "0", "payment:3 instalments over 6 months", "100"), "55", "85");
            assertThat(buyer.at("next-text")).containsText("Waiting for seller");

            seller.click("next-go");
            posInterests(seller, ordered("price", "70", "support", "10", "training", "8"), "Higher is better (5600 USD best)",
                    ordered("support:none", "100", "support:6 months", "80", "support:1 year", "60", "training:not included", "100", "training:included", "70",
                            "payment:upfront", "100", "payment:3 instalments over 6 months", "75"), "25", "60");

            for (Person p : List.of(buyer, seller)) {
                assertThat(p.at("next-text")).containsText("proposals: compare them");
            }
            buyer.click("next-go");
            measure(buyer, "5-proposals", "proposals");

            // the seller answers with a conditional trade on the recommended proposal
            String recommended = seller.page.locator("[data-proposal]").first().getAttribute("data-proposal");
            goTo(seller, "offers");
            seller.click(seller.page.locator("[data-trade-builder] summary"));
            seller.choose("trade-on", seller.at("trade-on").locator("option[value=\"" + recommended + "\"]").textContent());
            seller.choose("give=support", "1 year");
            seller.choose("get=payment", "upfront");
            seller.click("send-trade");
            assertThat(buyer.at("next-text")).containsText("seller proposed the trade t1: answer it");
            buyer.click("next-go");
            measure(buyer, "6-offers", "offers");
            buyer.click("accept=t1");
            for (Person p : List.of(buyer, seller)) {
                assertThat(p.at("agreement-banner")).containsText("Agreement reached on t1");
            }
            buyer.click("banner-read");
            // how it was found, in the screen's words: the proposal by its letter, not its ref
            assertThat(buyer.at("agreement=t1")).containsText("(conditional trade by seller on Proposal A of round 1)");
            measure(buyer, "7-agreement", "agreement");
            record("point-of-sale", buyer, seller);
        }
    }

    @Test
    void aFirstTimeUserWidensAPriceOnlyAgenda() throws IOException {
        try (Person buyer = new Person("buyer"); Person seller = new Person("seller"); Person mediator = new Person("mediator")) {
            buyer.page.navigate(server.url());
            buyer.choose("template", "Blank agenda");
            buyer.click("use-template");
            buyer.type("agenda-title", "Point-of-sale system, price only");
            buyer.type("party-name=0", "buyer");
            buyer.type("party-name=1", "seller");
            Locator issue = buyer.page.locator("[data-issue-editor='0']");
            buyer.type("key=issue-0-label", "Price");
            buyer.type("key=issue-0-id", "price");
            buyer.type("key=issue-0-unit", "USD");
            buyer.click(issue.locator("[data-key=issue-0-kind-range]"));
            buyer.type("key=issue-0-min", "4800");
            buyer.type("key=issue-0-max", "5600");
            buyer.type("key=issue-0-step", "100");
            buyer.click("create-room");
            buyer.click("copy-all");
            String sellerLink = buyer.at("invite-link=seller").inputValue();
            String mediatorLink = buyer.at("invite-link=mediator").inputValue();
            buyer.page.navigate(buyer.at("invite-link=buyer").inputValue());
            seller.page.navigate(sellerLink);
            mediator.page.navigate(mediatorLink);

            // price only: a weight of 100 on the one issue; no package clears both walk-away points
            buyer.click("next-go");
            buyer.type("floor", "50");
            buyer.click("submit-interests");
            seller.click("next-go");
            seller.choose("value-shape=price", "Higher is better (5600 USD best)");
            seller.type("floor", "60");
            seller.click("submit-interests");
            assertThat(buyer.at("next-text")).containsText("No package clears everyone's walk-away point");

            // the seller expands the pie from the tradeables library; the buyer accepts
            goTo(seller, "agenda");
            seller.click(seller.page.locator("[data-amend-builder] summary"));
            seller.choose("tradeable", "Payment terms");
            seller.type("amend-reason", "we cannot meet your price alone");
            seller.click("propose-amendment");
            assertThat(buyer.at("next-text")).containsText("seller proposed adding \"Payment terms\" to the agenda: answer it");
            buyer.click("next-go");
            measure(buyer, "p1-amendment", "agenda");
            buyer.click("accept-amendment=a1");
            assertThat(buyer.at("agenda")).containsText("Payment terms");

            // both enter interests again, on the wider agenda
            assertThat(buyer.at("next-text")).containsText("The agenda changed");
            buyer.click("next-go");
            buyer.type("weight=price", "60");
            buyer.type("value=payment-terms:net 30", "30");
            buyer.type("value=payment-terms:net 60", "60");
            buyer.type("value=payment-terms:3 instalments", "100");
            buyer.click("submit-interests");
            seller.click("next-go");
            seller.type("weight=price", "70");
            seller.type("value=payment-terms:upfront", "100");
            seller.type("value=payment-terms:net 30", "90");
            seller.type("value=payment-terms:net 60", "60");
            seller.type("value=payment-terms:3 instalments", "50");
            seller.type("floor", "30");
            seller.click("submit-interests");

            for (Person p : List.of(buyer, seller)) {
                // one proposal or several: either way the advice is to answer the round
                assertThat(p.at("next-text")).containsText(java.util.regex.Pattern.compile("accept (it|one) or make an offer"));
            }
            measure(mediator, "p2-mediator", "offers");
            String recommended = buyer.page.locator("[data-proposal]").first().getAttribute("data-proposal");
            buyer.click("accept=" + recommended);
            seller.click("accept=" + recommended);
            for (Person p : List.of(buyer, seller, mediator)) {
                assertThat(p.at("agreement-banner")).containsText("Agreement reached on " + recommended);
            }
            assertThat(buyer.at("agreed-package")).containsText("Payment terms");
            record("price-only with an amendment", buyer, seller);
        }
    }

    /** A map that keeps the order given, so typing follows the page from top to bottom. */
    static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
