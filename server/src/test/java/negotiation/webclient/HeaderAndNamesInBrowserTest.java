package negotiation.webclient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The header tells the truth: the reconnect delay counts down while the network is gone, and
 * after a round that proposed nothing the "Proposals" step is not ticked. The create form says
 * in words why a party id was refused, instead of the browser's "match the requested format".
 */
@ExtendWith(BlockedThreadWatch.class)
class HeaderAndNamesInBrowserTest extends ServerAndBrowser {

    Page open(String url) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
        context.setDefaultTimeout(15_000);
        contexts.add(context);
        Page page = context.newPage();
        page.onPageError(pageErrors::add);
        page.onDialog(d -> d.accept());
        page.navigate(url);
        return page;
    }

    static void submit(RoomClient.Room room, String party, JsonNode interests) {
        RoomClient.Socket socket = client.connect(room, party);
        socket.acked(socket.send("submitInterests", "interests", interests));
        socket.close();
    }

    @Test
    void afterAnEmptyRoundTheProposalsStepIsNotTickedAndTheReconnectDelayCountsDown() throws Exception {
        RoomClient.Room room = client.openRoom("pos-system");
        submit(room, "buyer", PrivacyInBrowserTest.priceOnlyInterests("buyer"));
        submit(room, "seller", PrivacyInBrowserTest.priceOnlyInterests("seller"));
        try (CuttableProxy proxy = new CuttableProxy(server.port())) {
            Page seller = open("http://localhost:" + proxy.port() + "/#room=" + room.id() + "&token=" + room.token("seller"));
            Locator connection = seller.locator("[data-connection]");
            assertThat(connection).containsText("Connected");
            // the round showed the seller nothing: nothing was proposed, so nothing is done there
            assertThat(seller.locator("[data-no-zopa]")).isVisible();
            assertThat(seller.locator("[data-step-link=interests]")).hasClass(Pattern.compile("\\bdone\\b"));
            assertThat(seller.locator("[data-step-link=proposals]")).not().hasClass(Pattern.compile("\\bdone\\b"));

            // the network goes: retries back off 0.5, 1, 2, 4 then 8 s, and the delay counts down
            proxy.cut();
            assertThat(connection).containsText("Reconnecting in 8 s", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
            assertThat(connection).containsText("Reconnecting in 6 s", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(4_000));
            proxy.resume();
            seller.locator("[data-retry]").click();
            assertThat(connection).containsText("Connected");
        }
    }

    @Test
    void theCreateFormExplainsARefusedPartyIdInWords() {
        Page page = open(server.url());
        Locator id = page.locator("[data-party-name='0']");
        id.fill("Buyer Co");
        page.locator("[data-create-room]").click();
        Locator problems = page.locator("[data-problems]");
        assertThat(problems).containsText("Party 1 id \"Buyer Co\"");
        assertThat(problems).containsText("buyer-co");
        assertThat(problems).isFocused();
        // the field still shows as invalid, but the browser's bubble no longer stops the form
        assertEquals(Boolean.TRUE, id.evaluate("el => el.validity.patternMismatch"));
    }
}
