package negotiation.webclient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import negotiation.mediation.DeskSession;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A mediator asks a sealed party for its consent to unseal from the app: a private note reaches that party alone. */
@ExtendWith(BlockedThreadWatch.class)
class AskToUnsealInBrowserTest {
    @TempDir
    Path data;

    @Test
    void aMediatorAsksASealedPartyToUnsealInOneClick() throws Exception {
        Browsers.chromium();
        try (DeskSession room = DeskSession.open(data);
             Playwright playwright = Browsers.playwright()) {
            RoomClient.Socket buyer = room.join("buyer");
            RoomClient.Socket seller = room.join("seller");
            JsonNode interests = Scenarios.json("pos-system").get("interests");
            buyer.acked(buyer.send("submitInterests", "interests", interests.get("buyer")));
            seller.acked(seller.send("submitInterests", "interests", interests.get("seller")));
            seller.acked(seller.send("unseal"));
            Browser browser = Browsers.launch(playwright);
            BrowserContext context = browser.newContext();
            context.setDefaultTimeout(15_000);
            Page page = context.newPage();
            List<String> errors = new ArrayList<>();
            page.onPageError(errors::add);
            page.navigate("http://localhost:" + room.port() + "/#room=" + room.roomId + "&token=" + room.token("mediator"));
            assertThat(page.locator("[data-connection]")).hasAttribute("data-state", "live");
            assertThat(page.locator("[data-ask-unseal-of=seller]")).hasCount(0); // the seller already unsealed
            page.locator("[data-ask-unseal-of=buyer]").click();
            assertThat(page.locator("[data-event-log] li").last()).containsText("Private note, you to Buyer Co");
            JsonNode events = room.get("/events?after=0", "buyer").json();
            JsonNode note = events.get(events.size() - 1);
            assertEquals("buyer", note.at("/data/to").asText());
            assertTrue(note.at("/data/text").asText().contains("consent to unseal"), note.toString());
            JsonNode sellers = room.get("/events?after=0", "seller").json();
            assertTrue(sellers.get(sellers.size() - 1).at("/data/text").isMissingNode(), "the seller does not read it");
            buyer.close();
            seller.close();
            assertEquals(List.of(), errors);
            browser.close();
        }
    }
}
