package negotiation.webclient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.SelectOption;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web client end to end, as people use it: a buyer creates the point-of-sale room in
 * the browser, buyer and seller enter their interests, see the proposals, trade and agree,
 * and a mediator replays the room; each in its own browser context against the real server.
 * The interests carry sentinel numbers (floors 55.55 % and 27.77 %, aspirations 86.66 % and
 * 40.99 %) so that a leak of one party's private data into another's page or traffic shows.
 */
@ExtendWith(BlockedThreadWatch.class)
class NegotiationInBrowserTest {
    private static final Path SHOTS = Paths.get("target", "webclient-screenshots");

    @TempDir
    static Path data;
    static int port;
    static Server server;
    static Playwright playwright;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Browsers.chromium(); // fail first, and clearly, when there is no browser
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // fixed, so that a restart comes back on the same address
        }
        server = Server.start(new Server.Settings(port, data, 100));
        playwright = Browsers.playwright();
        browser = Browsers.launch(playwright);
    }

    @AfterAll
    static void stop() throws Exception {
        Browsers.closeAll(browser, playwright, server);
    }

    /** A page in its own browser context, with everything it received over the network. */
    record Person(BrowserContext context, Page page, List<String> frames, List<Response> responses, List<String> errors) {
        static Person open(int width, int height) {
            BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
            context.setDefaultTimeout(15_000);
            Page page = context.newPage();
            List<String> frames = new CopyOnWriteArrayList<>();
            List<Response> responses = new CopyOnWriteArrayList<>();
            page.onWebSocket(ws -> ws.onFrameReceived(frame -> frames.add(frame.text())));
            page.onResponse(responses::add);
            page.onDialog(dialog -> dialog.accept());
            List<String> errors = new CopyOnWriteArrayList<>();
            page.onPageError(errors::add);
            return new Person(context, page, frames, responses, errors);
        }

        /** The element with a data-* hook: at("offer=o1") is [data-offer="o1"]. */
        Locator at(String hook) {
            int eq = hook.indexOf('=');
            return page.locator(eq < 0 ? "[data-" + hook + "]"
                    : "[data-" + hook.substring(0, eq) + "=\"" + hook.substring(eq + 1) + "\"]");
        }

        /** Everything this person's browser received: socket frames and HTTP bodies. */
        String traffic() {
            StringBuilder all = new StringBuilder(String.join("\n", frames));
            for (Response r : responses) {
                try {
                    all.append('\n').append(r.text());
                } catch (RuntimeException e) {
                    // a body the browser no longer holds (redirects, evicted): nothing to read
                }
            }
            return all.toString();
        }

        void screenshot(String name) {
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
        }
    }

    @Test
    void twoPartiesNegotiateAndAMediatorReplays() {
        Person buyer = Person.open(1280, 900);
        Person seller = Person.open(1280, 900);
        Person mediator = Person.open(1280, 900);

        // 1. The buyer creates the room from the point-of-sale template.
        buyer.page.navigate(server.url());
        buyer.at("template").selectOption("pos");
        buyer.at("use-template").click();
        assertThat(buyer.at("agenda-title")).hasValue("Point-of-sale system for a boutique");
        buyer.screenshot("create-desktop");
        buyer.at("create-room").click();
        assertThat(buyer.at("invites")).containsText("shown only once");
        String buyerLink = buyer.at("invite-link=buyer").inputValue();
        String sellerLink = buyer.at("invite-link=seller").inputValue();
        String mediatorLink = buyer.at("invite-link=mediator").inputValue();
        assertTrue(buyerLink.startsWith("http://localhost:" + port + "/#room="), buyerLink);
        assertTrue(buyerLink.contains("&token="), "the token travels in the fragment: " + buyerLink);
        assertThat(buyer.at("copy=seller")).isVisible();
        buyer.screenshot("invites-desktop");

        // 2. Everyone joins by link and sees the agenda and a live connection.
        buyer.page.navigate(buyerLink);
        seller.page.navigate(sellerLink);
        mediator.page.navigate(mediatorLink);
        for (Person p : List.of(buyer, seller, mediator)) {
            assertThat(p.at("room-title")).hasText("Point-of-sale system for a boutique");
            assertThat(p.at("connection")).containsText("Connected");
            assertThat(p.at("agenda")).containsText("After-sales support");
            assertThat(p.at("event-log")).containsText("Room created");
        }
        assertThat(buyer.at("role")).hasText("party \"buyer\"");
        assertThat(mediator.at("role")).containsText("mediator");
        assertThat(mediator.at("interests-section")).isHidden();

        // 3. Private interests, with the live preview.
        assertThat(buyer.page.locator(".private-note")).containsText("Only you see");
        enterInterests(buyer, Map.of("price", 45, "support", 25, "training", 15, "payment", 15),
                "low", Map.of("support:none", 0, "support:6 months", 60, "support:1 year", 100,
                        "training:not included", 0, "training:included", 100,
                        "payment:upfront", 0, "payment:3 instalments over 6 months", 100),
                "55.55", "86.66");
        buyer.page.locator("[data-limits=price] summary").click(); // hard limits are folded away until wanted
        buyer.at("limit-max=price").fill("5000");
        // default trial package: 4800 USD, no support, no training, upfront = 45 * 100
        assertThat(buyer.at("preview-utility")).hasText("45.00 %");
        // with price at most 5000 and a floor of 55.55 %: 27 of the 9 * 3 * 2 * 2 packages
        assertThat(buyer.at("acceptable-count")).containsText("27 of 108 possible packages clear your walk-away point and limits");
        buyer.at("try=support").selectOption(new SelectOption().setLabel("1 year"));
        assertThat(buyer.at("preview-utility")).hasText("70.00 %");
        buyer.at("submit-interests").click();
        assertThat(buyer.at("message")).containsText("Your interests were submitted");
        assertThat(seller.at("parties")).containsText("buyer: interests submitted (version 1)");
        assertThat(seller.at("no-proposals")).containsText("Still waiting for: seller");

        enterInterests(seller, Map.of("price", 70, "support", 10, "training", 8, "payment", 12),
                "high", Map.of("support:none", 100, "support:6 months", 80, "support:1 year", 60,
                        "training:not included", 100, "training:included", 70,
                        "payment:upfront", 100, "payment:3 instalments over 6 months", 75),
                "27.77", "40.99");
        seller.at("submit-interests").click();
        assertThat(seller.at("message")).containsText("Your interests were submitted");

        // 4. Proposals, as a MESO grid, with the fairness story.
        for (Person p : List.of(buyer, seller)) {
            assertThat(p.at("meso")).containsText("Proposal A (recommended)");
            assertThat(p.at("meso")).containsText("Your score");
            assertThat(p.at("meso")).containsText("above your walk-away point");
            assertThat(p.at("fairness")).containsText("no acceptable package is better for every party");
        }
        assertThat(mediator.at("meso")).containsText("Hidden until a party unseals");
        // the buyer's yardsticks, from its own interests: the mean over all 108 packages
        // (45 * 452/9 + 25 * 160/3 + 15 * 50 + 15 * 50 = 5093.3) and the middle package (5200, 6 months: 3750)
        assertThat(buyer.at("yardsticks")).hasText("To compare: a package picked at random gives you 50.93 %"
                + " on average, the middle package (every issue at its middle option) 37.50 %.");
        assertThat(mediator.page.locator("[data-yardsticks]")).hasCount(0);
        buyer.screenshot("proposals-desktop");

        // 5. The buyer offers a package with a contingent term ...
        buyer.page.locator("[data-offer-builder] summary").click();
        buyer.at("offer-issue=price").selectOption(new SelectOption().setLabel("5000 USD"));
        buyer.at("offer-issue=support").selectOption(new SelectOption().setLabel("6 months"));
        buyer.at("offer-issue=training").selectOption(new SelectOption().setLabel("included"));
        buyer.at("offer-issue=payment").selectOption(new SelectOption().setLabel("3 instalments over 6 months"));
        assertThat(buyer.at("offer-preview")).containsText("Your score: 78.75 %");
        buyer.page.locator("[data-offer-builder] [data-add-term]").click();
        buyer.page.locator("[data-offer-builder] [data-term-if='0']").fill("uptime is below 99.5% in a month");
        buyer.page.locator("[data-offer-builder] [data-term-then='0']").fill("10% service credit");
        buyer.at("send-offer").click();
        assertThat(buyer.at("offer=o1")).containsText("Your score: 78.75 %");
        assertThat(seller.at("offer=o1")).containsText("Your score: 40.10 %");
        assertThat(seller.at("offer=o1")).containsText("If uptime is below 99.5% in a month, then 10% service credit");

        // ... and the seller answers with a conditional trade on it.
        seller.page.locator("[data-trade-builder] summary").click();
        seller.at("trade-on").selectOption("o1");
        seller.at("give=support").selectOption(new SelectOption().setLabel("1 year"));
        seller.at("get=payment").selectOption(new SelectOption().setLabel("upfront"));
        assertThat(seller.at("trade-preview")).containsText("Your score: 41.10 %");
        seller.page.locator("[data-trade-builder] [data-add-term]").click();
        seller.page.locator("[data-trade-builder] [data-term-if='0']").fill("training is not delivered within 30 days");
        seller.page.locator("[data-trade-builder] [data-term-then='0']").fill("the seller refunds 300 USD");
        seller.at("send-trade").click();
        Locator trade = buyer.at("offer=t1");
        assertThat(trade).containsText("conditional trade by seller on o1");
        assertThat(trade).containsText("If I give After-sales support → 1 year, I need Payment plan → upfront");
        assertThat(trade).containsText("Your score: 73.75 %");
        assertThat(seller.at("offer=t1")).containsText("Your score: 41.10 %");

        // 6. The buyer accepts; both see the agreement and their own outcome.
        buyer.at("accept=t1").click();
        for (Person p : List.of(buyer, seller, mediator)) {
            assertThat(p.at("agreement=t1")).containsText("Agreement reached on t1");
            assertThat(p.at("agreed-package")).containsText("1 year");
            assertThat(p.at("agreement-view")).containsText("If training is not delivered within 30 days, then the seller refunds 300 USD");
            assertThat(p.at("agreement-view")).containsText("If uptime is below 99.5% in a month, then 10% service credit");
        }
        assertThat(buyer.at("outcome")).containsText("acceptable: at or above your walk-away point");
        assertThat(buyer.at("outcome")).containsText("73.75 %");
        assertThat(seller.at("outcome")).containsText("win");
        assertThat(seller.at("outcome")).containsText("41.10 %");

        // the concession log, from each side
        Locator buyerMove = buyer.page.locator("[data-concession-log] [data-move=t1]");
        assertThat(buyerMove.locator("td").nth(0)).hasText("Payment plan → upfront");
        assertThat(buyerMove.locator("td").nth(1)).hasText("After-sales support → 1 year");
        assertThat(buyerMove.locator("td").nth(2)).hasText("73.75 % (−5.00 points)");
        assertThat(buyerMove.locator("td").nth(3)).containsText("If training is not delivered");
        Locator sellerMove = seller.page.locator("[data-concession-log] [data-move=t1]");
        assertThat(sellerMove.locator("td").nth(0)).hasText("After-sales support → 1 year");
        assertThat(sellerMove.locator("td").nth(2)).hasText("41.10 % (+1.00 points)");

        // the Markdown export and the chart
        buyer.at("export-markdown").click();
        assertThat(buyer.at("markdown")).containsText("# Agreement: Point-of-sale system for a boutique");
        assertThat(buyer.at("markdown")).containsText("(acceptable: at or above your walk-away point, below your aspiration)");
        assertThat(buyer.at("download-markdown")).hasAttribute("download", Pattern.compile("agreement-.*\\.md"));
        int packagesOnTable = buyer.page.locator("[data-chart] circle").count();
        assertTrue(packagesOnTable >= 3, "a point per proposal, offer and trade: " + packagesOnTable);
        buyer.screenshot("agreement-desktop");

        // 7. The mediator scrubs the replay back to the first offer, and steps with the keyboard.
        String offerSeq = mediator.page.locator("[data-event-log] li[data-kind=OfferMade]").first().getAttribute("data-seq");
        mediator.at("jump=" + offerSeq).click();
        assertThat(mediator.at("scrubber")).hasValue(offerSeq);
        assertThat(mediator.at("replay-position")).containsText("After event " + offerSeq + " of ");
        assertThat(mediator.at("replay-position")).containsText("buyer offered o1");
        Locator replayed = mediator.at("replay-view");
        assertThat(replayed).containsText("o1: offer by buyer");
        assertThat(replayed.locator("[data-offer=\"t1\"]")).hasCount(0);
        assertThat(replayed).containsText("No agreement yet");
        mediator.screenshot("replay-desktop");
        mediator.at("scrubber").focus();
        mediator.page.keyboard().press("ArrowRight");
        assertThat(mediator.at("replay-position")).containsText("After event " + (Integer.parseInt(offerSeq) + 1) + " of ");
        assertThat(replayed).containsText("t1: conditional trade by seller on o1");
        mediator.at("replay-play").click();
        assertThat(mediator.at("replay-play")).hasAttribute("aria-pressed", "true");
        mediator.at("replay-play").click();
        assertThat(mediator.at("replay-play")).hasAttribute("aria-pressed", "false");
        mediator.at("replay-live").click();
        assertThat(mediator.at("replay-position")).containsText("Showing the live room");

        assertThat(mediator.page.locator("[data-chart] [data-series]")).hasCount(0);
        for (Person p : List.of(buyer, seller, mediator)) {
            assertEveryControlIsLabelled(p);
        }

        // 8. Nothing private crossed over, in any page or any traffic.
        List<String> buyerSecrets = List.of("55.55", "86.66", "78.75", "73.75");
        List<String> sellerSecrets = List.of("27.77", "40.99", "40.10", "41.10");
        assertNoneIn(seller, buyerSecrets, List.of(5555, 8666, 7875, 7375));
        assertNoneIn(buyer, sellerSecrets, List.of(2777, 4099, 4010, 4110));
        assertNoneIn(mediator, buyerSecrets, List.of(5555, 8666, 7875, 7375));
        assertNoneIn(mediator, sellerSecrets, List.of(2777, 4099, 4010, 4110));

        // 9. The seller unseals: the mediator sees the seller's side, the past included, and still not the buyer's.
        seller.at("unseal").click();
        assertThat(mediator.at("unsealed-party=seller")).containsText("floor 27.77 %");
        assertThat(mediator.at("agreement-view")).containsText("seller: 41.10 %, win");
        assertThat(mediator.at("offer=o1")).containsText("seller: 40.10 %");
        assertThat(mediator.page.locator("[data-chart] [data-series]")).hasCount(1);
        assertThat(mediator.at("series=seller")).isVisible();
        assertNoneIn(mediator, buyerSecrets, List.of(5555, 8666, 7875, 7375));
        assertNoneIn(buyer, sellerSecrets, List.of(2777, 4099, 4010, 4110));

        // 10. On a phone.
        Person phone = Person.open(390, 844);
        phone.page.navigate(buyerLink);
        assertThat(phone.at("agreement=t1")).isVisible();
        phone.screenshot("room-phone");
        double overflow = ((Number) phone.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")).doubleValue();
        assertTrue(overflow <= 1, "the page fits a phone's width, overflow " + overflow + "px");
        phone.context.close();

        // 11. The server restarts: every page reconnects by itself and shows each event once.
        int eventsBefore = buyer.page.locator("[data-event-log] li").count();
        restartServer(buyer, seller);
        seller.at("note-text").fill("Back after the restart");
        seller.at("add-note").click();
        for (Person p : List.of(buyer, seller, mediator)) {
            assertThat(p.at("event-log")).containsText("Note from seller: Back after the restart");
            assertEquals(eventsBefore + 1, p.page.locator("[data-event-log] li").count());
            assertLogHasEachEventOnce(p);
        }

        for (Person p : List.of(buyer, seller, mediator)) {
            assertEquals(List.of(), p.errors, "no uncaught script errors");
            p.context.close();
        }
    }

    @Test
    void aBadInviteLinkSaysSoAndNeverConnects() {
        Person stranger = Person.open(1280, 900);
        stranger.page.navigate(server.url());
        stranger.at("create-room").click();
        String link = stranger.at("invite-link=buyer").inputValue();
        stranger.page.navigate(link.replaceAll("token=[^&]+", "token=not-a-real-token"));
        assertThat(stranger.at("room-title")).hasText("Cannot join the room");
        assertThat(stranger.at("message")).containsText("not valid");
        assertTrue(stranger.frames.isEmpty(), "no socket opened with a refused token");
        stranger.context.close();
    }

    @Test
    void theAgendaEditorChecksWhatTheServerWouldRefuse() {
        Person p = Person.open(1280, 900);
        p.page.navigate(server.url());
        // the browser's own check (the pattern attribute) refuses the name first
        p.at("party-name=1").fill("Seller With Spaces");
        p.at("create-room").click();
        assertEquals(Boolean.TRUE, p.at("party-name=1").evaluate("el => el.validity.patternMismatch"));
        assertThat(p.at("invites")).hasCount(0);
        // what no pattern can check, the app's own list of problems does
        p.at("party-name=1").fill("buyer");
        p.at("create-room").click();
        assertThat(p.at("problems")).containsText("Party names must be distinct");
        p.at("party-name=1").fill("seller");
        p.at("template").selectOption("orange");
        p.at("use-template").click();
        assertThat(p.at("agenda-title")).hasValue("One orange, two sisters");
        p.at("create-room").click();
        assertThat(p.at("invite=anna")).isVisible();
        assertThat(p.at("invite=beth")).isVisible();
        assertThat(p.at("invite=mediator")).isVisible();
        p.context.close();
    }

    private static void enterInterests(Person p, Map<String, Integer> weights, String priceShape,
                                       Map<String, Integer> values, String floor, String aspiration) {
        p.at("auto-balance").uncheck();
        for (var w : weights.entrySet()) {
            p.at("weight=" + w.getKey()).fill(String.valueOf(w.getValue()));
        }
        assertThat(p.at("weight-sum")).hasText("The weights add up to 100.");
        p.at("value-shape=price").selectOption(priceShape);
        for (var v : values.entrySet()) {
            p.page.locator("[data-value=\"" + v.getKey() + "\"]").fill(String.valueOf(v.getValue()));
        }
        p.at("floor").fill(floor);
        p.at("aspiration").fill(aspiration);
    }

    private static void assertNoneIn(Person p, List<String> shown, List<Integer> raw) {
        String text = (String) p.page.evaluate("document.body.innerText");
        // The chart's geometry (path data, coordinates) is numbers made of the viewer's own series, whose
        // count the test checks apart; a coordinate may spell a sentinel by chance, so it is left out here.
        String dom = ((String) p.page.content()).replaceAll("(?s)<svg\\b.*?</svg>", "<svg/>");
        String traffic = p.traffic();
        for (String secret : shown) {
            // as a figure of its own, so a clock time's seconds (10:41:40.993) never match by chance
            Matcher figure = Pattern.compile("(?<![\\d.:])" + Pattern.quote(secret) + "(?!\\d)").matcher(text);
            assertFalse(figure.find(), "page text shows " + secret);
            Matcher inDom = figure.pattern().matcher(dom);
            assertFalse(inDom.find(), () -> "page DOM holds " + secret + ": …"
                    + dom.substring(Math.max(0, inDom.start() - 120), Math.min(dom.length(), inDom.start() + 40)) + "…");
        }
        for (int secret : raw) {
            // as a JSON number, so a timestamp's digits never match by chance
            Pattern number = Pattern.compile("[:\\[,]\\s*" + secret + "\\b");
            assertFalse(number.matcher(traffic).find(), "network traffic carries " + secret);
            assertFalse(number.matcher(dom).find(), "page DOM holds " + secret);
        }
    }

    private static void assertEveryControlIsLabelled(Person p) {
        Object unlabelled = p.page.evaluate("[...document.querySelectorAll('input, select, textarea')]"
                + ".filter(el => !el.closest('[hidden]') && el.labels.length === 0 && !el.getAttribute('aria-label'))"
                + ".map(el => el.outerHTML.slice(0, 120))");
        assertEquals(List.of(), unlabelled, "every form control has a label");
    }

    private static void assertLogHasEachEventOnce(Person p) {
        List<String> seqs = p.page.locator("[data-event-log] li").evaluateAll("items => items.map(i => i.dataset.seq)") instanceof List<?> l
                ? l.stream().map(String::valueOf).toList() : List.of();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= seqs.size(); i++) {
            expected.add(String.valueOf(i));
        }
        assertEquals(expected, seqs, "the log lists events 1..N, each once");
    }

    private static void restartServer(Person... people) {
        try {
            server.close();
            for (Person p : people) {
                assertThat(p.at("connection")).not().containsText("Connected");
            }
            server = Server.start(new Server.Settings(port, data, 100));
        } catch (Exception e) {
            throw new AssertionError("server restart failed", e);
        }
        for (Person p : people) {
            assertThat(p.at("connection")).containsText("Connected", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        }
    }
}
