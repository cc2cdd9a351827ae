package negotiation.webclient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import negotiation.mediation.PosSession;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An erasure seen live in Chromium: the erasing party's page and a mediator's page mark the
 * party's data erased and no longer unsealed, and the party is offered `unseal` again.
 */
@ExtendWith(BlockedThreadWatch.class)
class ErasureInBrowserTest {
    @TempDir
    Path data;

    @Test
    void pagesShowTheErasureAndOfferUnsealAgain() throws Exception {
        Browsers.chromium();
        try (PosSession room = PosSession.open(data).negotiate(true);
             RoomClient client = new RoomClient(room.port());
             Playwright playwright = Browsers.playwright()) {
            Browser browser = Browsers.launch(playwright);
            List<String> errors = new ArrayList<>();
            Page buyer = open(browser, room, "buyer", errors);
            Page mediator = open(browser, room, "mediator", errors);
            for (Page page : List.of(buyer, mediator)) {
                assertThat(page.locator("li[data-party=buyer]")).containsText("unsealed for mediators");
            }
            assertThat(buyer.locator("[data-unseal]")).hasCount(0);

            assertEquals(204, client.delete("/api/rooms/" + room.roomId + "/parties/buyer/private", room.token("buyer"))
                    .status());
            for (Page page : List.of(buyer, mediator)) {
                assertThat(page.locator("li[data-party=buyer]")).containsText("private data erased");
                assertThat(page.locator("li[data-party=buyer]")).not().containsText("unsealed for mediators");
            }
            assertThat(buyer.locator("[data-unseal]")).hasCount(1);
            assertEquals(List.of(), errors);
            browser.close();
        }
    }

    private static Page open(Browser browser, PosSession room, String role, List<String> errors) {
        BrowserContext context = browser.newContext();
        context.setDefaultTimeout(15_000);
        Page page = context.newPage();
        page.onPageError(errors::add);
        page.navigate("http://localhost:" + room.port() + "/#room=" + room.roomId + "&token=" + room.token(role));
        return page;
    }
}
