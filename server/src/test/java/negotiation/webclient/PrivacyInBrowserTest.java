package negotiation.webclient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import negotiation.Json;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Privacy that still finds the deal, as people use it in Chromium against the real server: the
 * privacy level and display names chosen when the room is created and shown to everyone, a safe
 * offer made in one click where the public round shows nothing, and a party narrowing its own
 * band. Screenshots at desktop and phone sizes go to target/webclient-screenshots.
 */
@ExtendWith(BlockedThreadWatch.class)
class PrivacyInBrowserTest extends ServerAndBrowser {
    /** Copied into docs/screenshots by hand, as FirstTimeUserInBrowserTest's are. */
    private static final Path SHOTS = Paths.get("target", "webclient-screenshots");

    /** A person's page; what its socket sent is collected in {@code sent}. */
    Page open(int width, int height, List<String> sent) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
        context.setDefaultTimeout(15_000);
        contexts.add(context);
        Page page = context.newPage();
        page.onPageError(pageErrors::add);
        page.onDialog(d -> d.accept());
        if (sent != null) {
            page.onWebSocket(ws -> ws.onFrameSent(frame -> sent.add(frame.text())));
        }
        return page;
    }

    Page join(RoomClient.Room room, String role, int width, int height, List<String> sent) {
        Page page = open(width, height, sent);
        page.navigate(server.url() + "#room=" + room.id() + "&token=" + room.token(role));
        assertThat(page.locator("[data-connection]")).containsText("Connected");
        return page;
    }

    static Locator at(Page page, String hook) {
        int eq = hook.indexOf('=');
        return page.locator(eq < 0 ? "[data-" + hook + "]"
                : "[data-" + hook.substring(0, eq) + "=\"" + hook.substring(eq + 1) + "\"]");
    }

    static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(false));
    }

    /** The viewport with {@code part} at its top, just under the room's header where that is sticky. */
    static void shotOf(Locator part, String name) {
        part.evaluate("el => { const head = document.querySelector('[data-room-head]');"
                + " const sticky = head && getComputedStyle(head).position === 'sticky' ? head.getBoundingClientRect().height : 0;"
                + " window.scrollTo(0, window.scrollY + el.getBoundingClientRect().top - sticky - 12); }");
        part.page().screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")));
    }

    @Test
    void thePrivacyLevelAndDisplayNamesChosenAtCreationAreShownToEveryone() {
        Page creator = open(1280, 800, null);
        creator.navigate(server.url());
        at(creator, "template").selectOption("pos");
        at(creator, "use-template").click();
        // the default is Standard, each level in one sentence
        assertThat(at(creator, "privacy-option=2000")).isChecked();
        assertThat(at(creator, "privacy-choice")).containsText("Standard (recommended): the others can tell your walk-away point only to within 20 points of 100");
        assertThat(at(creator, "privacy-choice")).containsText("Exact: for parties who trust each other");
        at(creator, "privacy-option=1000").check();
        at(creator, "party-display-name=0").fill("Boutique Lina");
        at(creator, "party-display-name=1").fill("boutique LINA");
        at(creator, "create-room").click();
        assertThat(at(creator, "problems")).containsText("Each party needs a display name of its own");
        at(creator, "party-display-name=1").fill("Kassa & Co.");
        at(creator, "privacy-choice").scrollIntoViewIfNeeded();
        shot(creator, "create-privacy-desktop");
        at(creator, "create-room").click();
        assertThat(at(creator, "invite=seller")).containsText("Kassa & Co. (seller)");
        String roomId = creator.evaluate("() => document.querySelector('[data-invite-link=seller]').value.match(/room=([^&]+)/)[1]").toString();
        String sellerLink = at(creator, "invite-link=seller").inputValue();
        String sellerToken = sellerLink.replaceAll(".*token=", "");

        // what the server recorded: the level and the names, ids unchanged
        HttpAnswer view = client.get("/api/rooms/" + roomId, sellerToken);
        assertEquals(200, view.status(), view.body());
        assertEquals(1000, view.json().at("/privacy/band").asInt());
        assertEquals("Boutique Lina", view.json().at("/names/buyer").asText());
        assertEquals("Kassa & Co.", view.json().at("/names/seller").asText());

        Page seller = open(1280, 800, null);
        seller.navigate(sellerLink);
        assertThat(at(seller, "connection")).containsText("Connected");
        assertThat(at(seller, "privacy-level")).containsText("Privacy: Light");
        assertThat(at(seller, "privacy-level")).containsText("only to within 10 points of 100");
        assertThat(at(seller, "role")).hasText("party \"Kassa & Co.\"");
        assertThat(seller.locator("li[data-party=buyer]")).containsText("Boutique Lina");
        assertThat(at(seller, "event-log")).containsText("parties Boutique Lina, Kassa & Co.. Privacy: Light");
        assertThat(at(seller, "next-text")).containsText("Enter your interests");

        Page phone = open(390, 844, null);
        phone.navigate(server.url());
        at(phone, "privacy-choice").scrollIntoViewIfNeeded();
        shot(phone, "create-privacy-phone");
        phone.navigate(sellerLink);
        assertThat(at(phone, "privacy-level")).containsText("Privacy: Light");
        phone.evaluate("() => window.scrollTo(0, 0)");
        shot(phone, "room-privacy-level-phone");
        double overflow = ((Number) phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")).doubleValue();
        assertTrue(overflow <= 1, "the room fits a phone's width, overflow " + overflow + "px");
    }

    /**
     * Price is all that matters to either side (weight 100), the seller will not go below 5500 USD:
     * within limits, 5500 scores 13 % for the buyer and 88 % for the seller (values are rounded half
     * up), 5600 0 % and 100 %. The buyer's walk-away point is 10 %, the seller's 78 %. At the
     * standard level the buyer's first band reaches 20 points at least, above 13 %, so the public
     * round is empty whatever the seed; the seller's band top is 79.99 % (no band ends above 80 %
     * but the last, and the seller's lowest utility within limits is 88 %), so 5500 clears the
     * seller for sure: it is the buyer's safe offer. The seller, at 78 %, has none (the buyer's band
     * top is above 13 %).
     */
    static JsonNode priceOnlyInterests(String party) {
        String values = "{\"price\": \"%s\", \"support\": {\"none\": 0, \"6 months\": 0, \"1 year\": 0},"
                + " \"training\": {\"not included\": 0, \"included\": 0},"
                + " \"payment\": {\"upfront\": 0, \"3 instalments over 6 months\": 0}}";
        String weights = "{\"price\": 100, \"support\": 0, \"training\": 0, \"payment\": 0}";
        String json = party.equals("buyer")
                ? "{\"weights\": " + weights + ", \"values\": " + values.formatted("low") + ", \"floor\": 1000}"
                : "{\"weights\": " + weights + ", \"values\": " + values.formatted("high")
                        + ", \"limits\": {\"price\": {\"min\": 5500}}, \"floor\": 7800}";
        return json(json);
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSafeOfferFindsTheDealThePublicRoundHidAndGoesOutInOneClick() {
        RoomClient.Room room = client.openRoom("pos-system");
        submit(room, "buyer", priceOnlyInterests("buyer"));
        submit(room, "seller", priceOnlyInterests("seller"));

        List<String> sent = new CopyOnWriteArrayList<>();
        Page buyer = join(room, "buyer", 1280, 800, sent);
        Page seller = join(room, "seller", 1280, 800, null);
        Locator safe = at(buyer, "safe-offers=mine");
        assertThat(safe).containsText("Only you can see these: they clear your walk-away point and certainly the other side's."
                + " Offering one tells them only that you would accept it.");
        assertThat(safe.locator("[data-safe-offer]")).hasCount(1);
        assertThat(safe.locator("[data-safe-offer='0']")).containsText("5500 USD");
        assertThat(safe.locator("[data-safe-offer='0']")).containsText("Your score: 13.00 %");
        assertThat(at(buyer, "no-zopa")).containsText("It found some only you can see");
        assertThat(at(buyer, "no-zopa")).not().containsText("revisit");
        assertThat(at(buyer, "next-text")).hasText("The room found packages only you can see that clear everyone's walk-away point for sure: offer one");
        assertThat(at(buyer, "narrowing=prominent")).hasCount(0);
        // the seller's round showed it nothing: the usual guidance, and the choice to narrow
        assertThat(at(seller, "safe-offers")).hasCount(0);
        assertThat(at(seller, "no-zopa")).containsText("no package clears every party's walk-away point and limits");
        assertThat(at(seller, "narrowing=prominent")).isVisible();
        shot(buyer, "safe-offer-room-desktop");
        shotOf(safe, "safe-offer-desktop");
        Page phone = join(room, "buyer", 390, 844, null);
        shotOf(at(phone, "safe-offers=mine"), "safe-offer-phone");

        // a mediator sees a party's safe offers only once that party unsealed, with that party's score
        Page mediator = join(room, "mediator", 1280, 800, null);
        assertThat(at(mediator, "no-zopa")).isVisible();
        assertThat(at(mediator, "safe-offers")).hasCount(0);
        at(buyer, "unseal").click();
        Locator unsealed = at(mediator, "safe-offers-of=buyer");
        assertThat(unsealed).containsText("Price: 5500 USD");
        assertThat(unsealed).containsText("(13.00 %)");
        assertThat(at(mediator, "safe-offers-of=seller")).hasCount(0);
        shotOf(at(mediator, "safe-offers=mediator"), "safe-offer-mediator-desktop");

        safe.locator("[data-offer-safe='0']").click();
        assertTrue(sent.stream().map(PrivacyInBrowserTest::parse).anyMatch(f -> "offer".equals(f.path("type").asText())
                        && f.at("/package/price").asInt() == 5500 && !f.has("terms")),
                "one click sent the safe offer's package as an ordinary offer: " + sent);
        assertThat(safe.locator("[data-safe-offered=o1]")).hasText("You offered this as o1.");
        Locator offer = at(seller, "offer=o1");
        assertThat(offer).containsText("5500 USD");
        assertThat(offer).containsText("Your score: 88.00 %");
        at(seller, "accept=o1").click();
        for (Page p : List.of(buyer, seller)) {
            assertThat(at(p, "agreement=o1")).containsText("Agreement reached on o1");
            // the search for an improvement follows every agreement; finding none is quiet
            assertThat(at(p, "no-improvement")).hasText("No improvement on your agreement was found that clears everyone's limits for sure.");
            assertThat(at(p, "proposals")).not().containsText("Better for everyone than the agreement");
            assertThat(p.locator("[data-event-log] li[data-kind=ProposalsComputed]").last())
                    .containsText("The room looked for an improvement on the agreement o1");
        }
    }

    /**
     * An improvement keeps the agreement's contingent terms, and its card says so. At the exact
     * level, with the buyer caring for price and support and the seller for price and payment, an
     * agreement at 5200 USD without support and in instalments (25 % each) is improved for both by
     * a year of support paid upfront.
     */
    @Test
    void anImprovementCardShowsTheTermsItKeeps() {
        String interests = "{\"weights\": {\"price\": 50, \"support\": %d, \"training\": 0, \"payment\": %d},"
                + " \"values\": {\"price\": \"%s\", \"support\": {\"none\": 0, \"6 months\": 50, \"1 year\": 100},"
                + " \"training\": {\"not included\": 0, \"included\": 0},"
                + " \"payment\": {\"upfront\": 100, \"3 instalments over 6 months\": 0}}, \"floor\": 2000}";
        com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode) Scenarios.json("pos-system");
        body.remove("interests");
        body.set("privacy", Json.MAPPER.createObjectNode().put("band", 0));
        HttpAnswer created = client.post("/api/rooms", body.toString());
        assertEquals(201, created.status(), created.body());
        RoomClient.Room room = new RoomClient.Room(created.json().get("roomId").asText(), created.json().get("invites"));
        submit(room, "buyer", json(interests.formatted(50, 0, "low")));
        submit(room, "seller", json(interests.formatted(0, 50, "high")));
        RoomClient.Socket seller = client.connect(room, "seller");
        try {
            seller.acked(seller.send("offer", "package", java.util.Map.of("price", 5200, "support", "none",
                    "training", "not included", "payment", "3 instalments over 6 months"),
                    "terms", List.of(java.util.Map.of("if", "delivery is late", "then", "a 5% discount"))));
        } finally {
            seller.close();
        }
        Page buyer = join(room, "buyer", 1280, 800, null);
        at(buyer, "accept=o1").click();
        assertThat(at(buyer, "agreement=o1")).isVisible();
        Locator improvement = buyer.locator("[data-proposal^=i]").first();
        assertThat(improvement).containsText("Contingent terms (kept from the agreement)");
        assertThat(improvement).containsText("If delivery is late, then a 5% discount");
        assertThat(improvement).containsText("1 year");
        assertThat(at(buyer, "no-improvement")).hasCount(0);
        assertThat(at(buyer, "next-text")).hasText("The room found i1, better for every party than your agreement: compare it");
        shotOf(improvement, "improvement-terms-desktop");
    }

    @Test
    void afterARoundThatShowedNothingAPartyNarrowsItsBandAndEveryoneSeesTheChoice() {
        // price only: the buyer's cap of 5000 against the seller's walk-away point, which needs 5100
        // or more, leaves nothing to show anyone, in public or safe
        RoomClient.Room room = client.openRoom("pos-price-only");
        JsonNode interests = Scenarios.json("pos-price-only").get("interests");
        submit(room, "buyer", interests.get("buyer"));
        submit(room, "seller", interests.get("seller"));

        List<String> sent = new CopyOnWriteArrayList<>();
        Page buyer = join(room, "buyer", 1280, 800, sent);
        Page seller = join(room, "seller", 1280, 800, null);
        assertThat(at(buyer, "no-zopa")).containsText("no package clears every party's walk-away point and limits");
        assertThat(at(buyer, "safe-offers")).hasCount(0);
        Locator panel = at(buyer, "narrowing=prominent");
        assertThat(panel).containsText("Let the room see your walk-away point more finely?");
        assertThat(panel).containsText("5 points: they could tell your walk-away point to within 5 points");
        assertThat(panel).containsText("The others will see that you made this choice");
        // the room's level is 2,000 points: 10 and 5 points and exact are the finer choices
        assertThat(panel.locator("[data-narrow-to]")).hasCount(3);
        shotOf(panel, "narrowing-desktop");

        panel.locator("[data-narrow-to='500']").check();
        panel.locator("[data-narrow-privacy]").click();
        assertThat(at(buyer, "message")).containsText("from the next round your walk-away point is shown more finely");
        assertTrue(sent.stream().map(PrivacyInBrowserTest::parse)
                        .anyMatch(f -> "narrowPrivacy".equals(f.path("type").asText()) && f.path("band").asInt() == 500),
                "the narrowPrivacy frame with band 500 was sent: " + sent);
        assertThat(buyer.locator("[data-event-log] li[data-kind=PrivacyNarrowed]"))
                .containsText("You chose a finer privacy band for your walk-away point from the next round: it is hidden only within 5 points");
        assertThat(seller.locator("[data-event-log] li[data-kind=PrivacyNarrowed]"))
                .containsText("buyer chose a finer privacy band for its walk-away point");
        assertThat(seller.locator("li[data-party=buyer]")).containsText("chose a finer privacy band (5 points)");
        assertThat(at(seller, "privacy-level")).containsText("buyer chose 5 points.");
        // narrowed to 5 points, only exact is finer still
        assertThat(at(buyer, "narrowing=prominent").locator("[data-narrow-to]")).hasCount(1);

        Page phone = join(room, "buyer", 390, 844, null);
        shotOf(at(phone, "narrowing=prominent"), "narrowing-phone");
    }

    private static JsonNode parse(String frame) {
        try {
            return Json.MAPPER.readTree(frame);
        } catch (Exception e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private static void submit(RoomClient.Room room, String party, JsonNode interests) {
        RoomClient.Socket socket = client.connect(room, party);
        try {
            socket.acked(socket.send("submitInterests", "interests", interests));
        } finally {
            socket.close();
        }
    }
}
