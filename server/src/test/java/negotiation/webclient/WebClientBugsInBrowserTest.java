package negotiation.webclient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.SelectOption;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Web client bugs once seen by a first-time user and the token in the address bar, each seen in
 * Chromium against the real server: one server and one browser for the class, a fresh
 * browser context (a fresh person) per test.
 */
@ExtendWith(BlockedThreadWatch.class)
class WebClientBugsInBrowserTest {
    static final Map<String, Object> POS_PACKAGE = Map.of("price", 5200, "support", "6 months",
            "training", "included", "payment", "upfront");

    @TempDir
    static Path data;
    static int port;
    static Server server;
    static Playwright playwright;
    static Browser browser;
    static RoomClient client;

    final List<BrowserContext> contexts = new ArrayList<>();
    final List<String> pageErrors = new CopyOnWriteArrayList<>();
    final List<String> consoleErrors = new CopyOnWriteArrayList<>();
    final List<String> notFound = new CopyOnWriteArrayList<>();
    /** Every confirm() shown, and whether the person answers them Cancel. */
    final List<String> dialogs = new CopyOnWriteArrayList<>();
    volatile boolean dismissDialogs;

    @BeforeAll
    static void start() throws Exception {
        Browsers.chromium();
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // fixed, so that a restart comes back on the same address
        }
        server = Server.start(new Server.Settings(port, data, 100));
        client = new RoomClient(port);
        playwright = Browsers.playwright();
        browser = Browsers.launch(playwright);
    }

    @AfterAll
    static void stop() throws Exception {
        Browsers.closeAll(browser, playwright, client, server);
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        assertEquals(List.of(), pageErrors, "no uncaught script errors");
    }

    Page open(boolean bypassCsp) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 800).setBypassCSP(bypassCsp));
        context.setDefaultTimeout(15_000);
        contexts.add(context);
        Page page = context.newPage();
        page.onPageError(pageErrors::add);
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                consoleErrors.add(m.text());
            }
        });
        page.onResponse(r -> {
            if (r.status() == 404) {
                notFound.add(r.url());
            }
        });
        page.onDialog(d -> {
            dialogs.add(d.message());
            if (dismissDialogs) {
                d.dismiss();
            } else {
                d.accept();
            }
        });
        return page;
    }

    Page join(RoomClient.Room room, String role) {
        Page page = open(false);
        page.navigate(server.url() + "#room=" + room.id() + "&token=" + room.token(role));
        assertThat(page.locator("[data-connection]")).containsText("Connected");
        return page;
    }

    static JsonNode interests(String party) {
        return Scenarios.json("pos-system").get("interests").get(party);
    }

    static void submit(RoomClient.Socket socket, String party) {
        socket.acked(socket.send("submitInterests", "interests", interests(party)));
    }

    /** Bug 2 and part of bug 3: offline, Accept is disabled; once live again the "not connected" bar goes away. */
    @Test
    void theNotConnectedBarGoesAwayAndAcceptWaitsForTheConnection() throws Exception {
        RoomClient.Room room = client.openRoom("pos-system");
        RoomClient.Socket seller = client.connect(room, "seller");
        seller.acked(seller.send("offer", "package", POS_PACKAGE));
        Page buyer = join(room, "buyer");
        assertThat(buyer.locator("[data-accept=o1]")).isEnabled();
        // The seller's part is done: its socket must not outlive the server it was connected to
        // (closing the client's Vert.x later could then wait forever for that connection).
        seller.close();

        server.close();
        try {
            assertThat(buyer.locator("[data-connection]")).not().containsText("Connected");
            assertThat(buyer.locator("[data-accept=o1]")).isDisabled();
            buyer.locator("[data-note-text]").fill("said while offline");
            buyer.locator("[data-add-note]").click();
            assertThat(buyer.locator("[data-message]")).containsText("Not connected");
        } finally {
            server = Server.start(new Server.Settings(port, data, 100));
        }
        assertThat(buyer.locator("[data-connection]")).containsText("Connected",
                new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        assertThat(buyer.locator("[data-message]")).not().containsText("Not connected");
        assertThat(buyer.locator("[data-accept=o1]")).isEnabled();
    }

    /** Bug 3: after an agreement, its ref cannot be rejected and earlier refs cannot be answered. */
    @Test
    void afterAnAgreementItsRefAndEarlierRefsTakeNoAnswer() {
        RoomClient.Room room = client.openRoom("pos-system");
        RoomClient.Socket seller = client.connect(room, "seller");
        seller.acked(seller.send("offer", "package", POS_PACKAGE));
        seller.acked(seller.send("offer", "package", Map.of("price", 5100, "support", "6 months",
                "training", "included", "payment", "upfront")));
        Page buyer = join(room, "buyer");
        buyer.locator("[data-accept=o2]").click();
        assertThat(buyer.locator("[data-closed=o2]")).containsText("Agreed");
        assertThat(buyer.locator("[data-reject=o2]")).hasCount(0);
        assertThat(buyer.locator("[data-closed=o1]")).containsText("an agreement was reached after it");
        assertThat(buyer.locator("[data-accept=o1]")).hasCount(0);
        assertThat(buyer.locator("[data-reject=o1]")).hasCount(0);
    }

    /**
     * A package above the viewer's own price cap, though above its walk-away point: the card says
     * so, and Accept asks first; Cancel sends nothing, OK accepts, and the agreement says it too.
     */
    @Test
    void acceptingAPackageAboveYourCapIsMarkedAndAsksFirst() {
        RoomClient.Room room = client.openRoom("pos-system");
        RoomClient.Socket buyerSocket = client.connect(room, "buyer");
        submit(buyerSocket, "buyer"); // a cap of 5000 USD, a walk-away point of 55 %
        buyerSocket.close();
        RoomClient.Socket seller = client.connect(room, "seller");
        // 5200 USD with a year of support, training and instalments: 77.50 % for the buyer
        seller.acked(seller.send("offer", "package", Map.of("price", 5200, "support", "1 year",
                "training", "included", "payment", "3 instalments over 6 months")));
        seller.close();
        Page buyer = join(room, "buyer");
        assertThat(buyer.locator("[data-offer=o1]")).containsText("above your walk-away point");
        assertThat(buyer.locator("[data-limit-breach=o1]")).hasText("Outside your own limits: Price 5200 USD is above your cap of 5000 USD.");

        dismissDialogs = true;
        buyer.locator("[data-accept=o1]").click();
        assertEquals(1, dialogs.size(), "Accept asked first");
        assertTrue(dialogs.get(0).contains("above your cap of 5000 USD"), dialogs.get(0));
        assertThat(buyer.locator("[data-accept=o1]")).isVisible();
        JsonNode events = client.get("/api/rooms/" + room.id() + "/events?after=0", room.token("buyer")).json();
        assertEquals("OfferMade", events.get(events.size() - 1).get("kind").asText(), "Cancel sent nothing");

        dismissDialogs = false;
        buyer.locator("[data-accept=o1]").click();
        assertThat(buyer.locator("[data-agreement=o1]")).isVisible();
        assertThat(buyer.locator("[data-agreement-view] [data-limit-breach=o1]")).containsText("above your cap of 5000 USD");
    }

    /** Several issues added in the form travel as ONE amendment, so accepting it leaves none of them stale. */
    @Test
    void severalAdditionsMakeOneAmendment() {
        RoomClient.Room room = client.openRoom("pos-price-only");
        Page seller = join(room, "seller");
        Page buyer = join(room, "buyer");
        seller.locator("[data-amend-builder] summary").click();
        seller.locator("[data-tradeable]").selectOption(new SelectOption().setLabel("Payment terms"));
        seller.locator("[data-add-change]").click();
        seller.locator("[data-amend-label]").fill("Staff training");
        seller.locator("[data-amend-options]").fill("not included\nincluded");
        assertThat(seller.locator("[data-propose-amendment]")).hasText("Propose these 2 additions as one change");
        seller.locator("[data-propose-amendment]").click();
        assertThat(buyer.locator("[data-amendment=a1]")).containsText("add \"Payment terms\"");
        assertThat(buyer.locator("[data-amendment=a1]")).containsText("add \"Staff training\" (not included · included)");
        buyer.locator("[data-accept-amendment=a1]").click();
        assertThat(buyer.locator("[data-agenda]")).containsText("Payment terms");
        assertThat(buyer.locator("[data-agenda]")).containsText("Staff training");
        JsonNode events = client.get("/api/rooms/" + room.id() + "/events?after=0", room.token("buyer")).json();
        long amendments = 0;
        for (JsonNode e : events) {
            if ("AmendmentProposed".equals(e.get("kind").asText())) {
                amendments++;
                assertEquals(2, e.at("/data/changes").size(), e.toString());
            }
        }
        assertEquals(1, amendments, "one amendment");
    }

        /** An amendment overtaken by another offers its author to propose what is still missing again, in one click. */
    @Test
    void anOvertakenAmendmentIsProposedAgainInOneClick() {
        RoomClient.Room room = client.openRoom("pos-price-only");
        RoomClient.Socket seller = client.connect(room, "seller");
        seller.acked(seller.send("amend", "changes", List.of(Map.of("addIssue",
                Map.of("id", "warranty", "label", "Warranty", "options", List.of("1 year", "2 years"))))));
        seller.acked(seller.send("amend", "changes", List.of(Map.of("addIssue",
                Map.of("id", "delivery", "label", "Delivery", "options", List.of("pick-up", "installed")))),
                "reason", "someone has to install it"));
        seller.close();
        RoomClient.Socket buyer = client.connect(room, "buyer");
        buyer.acked(buyer.send("accept", "ref", "a1"));
        buyer.close();
        Page page = join(room, "seller");
        assertThat(page.locator("[data-amendment=a2]")).containsText("overtaken by another amendment");
        assertThat(page.locator("[data-propose-again=a1]")).hasCount(0);
        page.locator("[data-propose-again=a2]").click();
        assertThat(page.locator("[data-amendment=a3]")).containsText("add \"Delivery\" (pick-up · installed)");
        assertThat(page.locator("[data-amendment=a3]")).containsText("Why: someone has to install it");
    }

        /** Bug 3, the reject itself: a reason typed in the form travels with the rejection. */
    @Test
    void aRejectionCarriesItsReason() {
        RoomClient.Room room = client.openRoom("pos-system");
        RoomClient.Socket seller = client.connect(room, "seller");
        seller.acked(seller.send("offer", "package", POS_PACKAGE));
        Page buyer = join(room, "buyer");
        buyer.locator("[data-reject=o1]").click();
        buyer.locator("[data-reject-reason=o1]").fill("price above our budget");
        buyer.locator("[data-confirm-reject=o1]").click();
        assertThat(buyer.locator("[data-offer=o1] .answer.rejected")).hasText("You rejected");
        JsonNode events = client.get("/api/rooms/" + room.id() + "/events?after=0", room.token("seller")).json();
        JsonNode rejected = events.get(events.size() - 1);
        assertEquals("Rejected", rejected.get("kind").asText());
        assertEquals("price above our budget", rejected.at("/data/reason").asText());
    }

    /** Bug 4: the walk-away and aspiration labels sit inside the chart, clear of the points and of each other. */
    @Test
    void theChartsGuideLabelsAreNeitherClippedNorCovered() {
        RoomClient.Room room = client.openRoom("pos-system");
        RoomClient.Socket buyerSocket = client.connect(room, "buyer");
        // a walk-away point of 55 % and an aspiration of 56 %: two lines a pixel apart, and their labels
        com.fasterxml.jackson.databind.node.ObjectNode close = interests("buyer").deepCopy();
        close.put("aspiration", 5600);
        buyerSocket.acked(buyerSocket.send("submitInterests", "interests", close));
        // the last point sits at the right edge of the plot, where the labels used to be drawn
        buyerSocket.acked(buyerSocket.send("offer", "package", Map.of("price", 4800, "support", "1 year",
                "training", "included", "payment", "upfront")));
        Page buyer = join(room, "buyer");
        Locator labels = buyer.locator("svg.chart text.floor, svg.chart text.aspiration");
        assertThat(labels).hasCount(2);
        Map<String, Object> all = box(buyer.evaluate("() => {"
                + " const svg = document.querySelector('svg.chart');"
                + " const vb = svg.viewBox.baseVal;"
                + " const box = (el) => { const b = el.getBBox(); return { x: b.x, y: b.y, w: b.width, h: b.height }; };"
                + " return { vb: { x: 0, y: 0, w: vb.width, h: vb.height },"
                + "   labels: [...svg.querySelectorAll('text.floor, text.aspiration')].map(box),"
                + "   points: [...svg.querySelectorAll('circle')].map(box) };"
                + "}"));
        Map<String, Object> vb = box(all.get("vb"));
        List<Map<String, Object>> guide = boxesOf(all.get("labels"));
        List<Map<String, Object>> points = boxesOf(all.get("points"));
        for (Map<String, Object> label : guide) {
            assertTrue(inside(label, vb), "label inside the picture: " + label + " in " + vb);
            for (Map<String, Object> point : points) {
                assertFalse(overlap(label, point), "label " + label + " covers point " + point);
            }
        }
        assertFalse(overlap(guide.get(0), guide.get(1)), "the two labels overlap: " + guide);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> box(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> boxesOf(Object o) {
        return (List<Map<String, Object>>) o;
    }

    private static double n(Map<String, Object> box, String key) {
        return ((Number) box.get(key)).doubleValue();
    }

    private static boolean inside(Map<String, Object> b, Map<String, Object> outer) {
        return n(b, "x") >= n(outer, "x") && n(b, "y") >= n(outer, "y")
                && n(b, "x") + n(b, "w") <= n(outer, "x") + n(outer, "w") && n(b, "y") + n(b, "h") <= n(outer, "y") + n(outer, "h");
    }

    private static boolean overlap(Map<String, Object> a, Map<String, Object> b) {
        return n(a, "x") < n(b, "x") + n(b, "w") && n(b, "x") < n(a, "x") + n(a, "w")
                && n(a, "y") < n(b, "y") + n(b, "h") && n(b, "y") < n(a, "y") + n(a, "h");
    }

    /** Bug 5: the party and issue id patterns compile in Chromium (no console error) and the browser checks them. */
    @Test
    void theNamePatternsAreValidAndChecked() {
        Page page = open(false);
        page.navigate(server.url());
        Locator party = page.locator("[data-party-name='1']");
        party.fill("Seller With Spaces");
        assertEquals(Boolean.TRUE, party.evaluate("el => el.validity.patternMismatch"));
        party.fill("seller");
        assertEquals(Boolean.FALSE, party.evaluate("el => el.validity.patternMismatch"));
        Locator issueId = page.locator("[data-issue-editor='0'] input").nth(1);
        issueId.fill("Not An Id");
        assertEquals(Boolean.TRUE, issueId.evaluate("el => el.validity.patternMismatch"));
        assertEquals(List.of(), consoleErrors, "no console errors");
    }

    /** Bug 6: with auto-balance on, typing 45 then 25 then 15 gives 45/25/15/15. */
    @Test
    void autoBalanceReachesTheWeightsTyped() {
        RoomClient.Room room = client.openRoom("pos-system");
        Page buyer = join(room, "buyer");
        assertThat(buyer.locator("[data-auto-balance]")).isChecked();
        type(buyer, "price", "45");
        type(buyer, "support", "25");
        type(buyer, "training", "15");
        Map<String, String> expected = Map.of("price", "45", "support", "25", "training", "15", "payment", "15");
        for (var e : expected.entrySet()) {
            assertThat(buyer.locator("[data-weight=" + e.getKey() + "]")).hasValue(e.getValue());
        }
        assertThat(buyer.locator("[data-weight-sum]")).hasText("The weights add up to 100.");
    }

    private static void type(Page page, String issue, String digits) {
        Locator weight = page.locator("[data-weight=" + issue + "]");
        weight.selectText();
        weight.pressSequentially(digits); // key by key, as a person types: each digit rebalances
    }

    /** Bug 7: an offer outside one's own hard limit is flagged before it goes out. */
    @Test
    void anOwnOfferOutsideOwnLimitIsFlagged() {
        RoomClient.Room room = client.openRoom("pos-system");
        submit(client.connect(room, "buyer"), "buyer");
        Page buyer = join(room, "buyer");
        buyer.locator("[data-offer-builder] summary").click();
        buyer.locator("[data-offer-issue=price]").selectOption(new SelectOption().setLabel("5000 USD"));
        buyer.locator("[data-offer-issue=support]").selectOption(new SelectOption().setLabel("1 year"));
        buyer.locator("[data-offer-issue=training]").selectOption(new SelectOption().setLabel("included"));
        assertThat(buyer.locator("[data-limit-warning]")).hasCount(0);
        buyer.locator("[data-offer-issue=price]").selectOption(new SelectOption().setLabel("5200 USD"));
        assertThat(buyer.locator("[data-limit-warning]")).containsText("Price 5200 USD is above your cap of 5000 USD");
    }

    /** Bug 8: no 404 on load (the favicon) and headings that never skip a level. */
    @Test
    void noNotFoundOnLoadAndHeadingsInOrder() {
        RoomClient.Room room = client.openRoom("pos-system");
        RoomClient.Socket buyerSocket = client.connect(room, "buyer");
        RoomClient.Socket seller = client.connect(room, "seller");
        submit(buyerSocket, "buyer");
        submit(seller, "seller");
        seller.acked(seller.send("offer", "package", POS_PACKAGE));
        Page create = open(true);
        create.navigate(server.url());
        assertThat(create.locator("[data-create-room]")).isVisible();
        assertEquals(List.of(), Axe.violations(create, "heading-order"));
        Page buyer = open(true);
        buyer.navigate(server.url() + "#room=" + room.id() + "&token=" + room.token("buyer"));
        assertThat(buyer.locator("[data-offer=o1]")).isVisible();
        assertThat(buyer.locator("[data-meso]")).isVisible();
        assertEquals(List.of(), Axe.violations(buyer, "heading-order"));
        assertEquals(List.of(), notFound, "nothing the page loads is missing");
        // browsers fetch the icon outside the page's own requests: check the one it declares is there
        String icon = (String) buyer.evaluate("() => document.querySelector('link[rel=icon]')?.href ?? '/favicon.ico'");
        assertEquals(200, buyer.request().get(icon).status(), "the favicon " + icon);
    }

    /** The invite token leaves the address bar at once and a reload still joins (sessionStorage, per tab). */
    @Test
    void theTokenLeavesTheAddressBar() {
        RoomClient.Room room = client.openRoom("pos-system");
        Page buyer = join(room, "buyer");
        assertFalse(buyer.url().contains(room.token("buyer")), buyer.url());
        assertTrue(buyer.url().endsWith("#room=" + room.id()), buyer.url());
        buyer.reload();
        assertThat(buyer.locator("[data-connection]")).containsText("Connected");
        assertThat(buyer.locator("[data-role]")).containsText("buyer");
    }
}
