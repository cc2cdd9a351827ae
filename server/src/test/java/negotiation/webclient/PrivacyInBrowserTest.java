package negotiation.webclient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import negotiation.Json;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Privacy that still finds the deal, as people use it in Chromium against the real server: the
 * privacy level and display names chosen when the room is created and shown to everyone, a safe
 * offer made in one click where the public round shows nothing, and a party narrowing its own
 * band. Screenshots at desktop and phone sizes go to docs/screenshots.
 */
@ExtendWith(BlockedThreadWatch.class)
class PrivacyInBrowserTest {
    private static final Path SHOTS = Paths.get("..", "docs", "screenshots");

    @TempDir
    static Path data;
    static Server server;
    static RoomClient client;
    static Playwright playwright;
    static Browser browser;

    final List<BrowserContext> contexts = new ArrayList<>();
    final List<String> pageErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Browsers.chromium();
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
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

    static void shotOf(Locator part, String name) {
        part.scrollIntoViewIfNeeded();
        part.page().screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")));
    }

    @Test
    void thePrivacyLevelAndDisplayNamesChosenAtCreationAreShownToEveryone() {
        Page creator = open(1280, 800, null);
        creator.navigate(server.url());
        at(creator, "template").selectOption("pos");
        at(creator, "use-template").click();
        // the default is Standard, each level in one sentence
        assertThat(at(creator, "privacy-level=2000")).isChecked();
        assertThat(at(creator, "privacy-choice")).containsText("Standard (recommended): the others can tell your walk-away point only to within 20 points of 100");
        assertThat(at(creator, "privacy-choice")).containsText("Exact: for parties who trust each other");
        at(creator, "privacy-level=1000").check();
        at(creator, "party-display-name=0").fill("Boutique Lina");
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
        shot(phone, "room-privacy-level-phone");
        double overflow = ((Number) phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")).doubleValue();
        assertTrue(overflow <= 1, "the room fits a phone's width, overflow " + overflow + "px");
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
        assertThat(at(buyer, "no-zopa")).containsText("no package clears every party's floor and limits");
        assertThat(at(buyer, "safe-offers")).hasCount(0);
        Locator panel = at(buyer, "narrowing=prominent");
        assertThat(panel).containsText("Let the room see your walk-away point more finely?");
        assertThat(panel).containsText("they could tell your walk-away point only to within 5 points");
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
        assertThat(at(seller, "privacy-level")).containsText("Chose a finer band: buyer 5 points");
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
