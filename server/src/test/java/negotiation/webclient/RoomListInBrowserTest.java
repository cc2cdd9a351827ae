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
import negotiation.mediation.DeskSession;
import negotiation.support.BlockedThreadWatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A way back into one's rooms: a room is listed on the start page only once the person chose to
 * keep it on this device; an address without its key explains itself and how to get the link back.
 */
@ExtendWith(BlockedThreadWatch.class)
class RoomListInBrowserTest {
    @TempDir
    Path data;

    @Test
    void aKeptRoomIsListedAndAnAddressWithoutItsKeySaysWhy() throws Exception {
        Browsers.chromium();
        try (DeskSession room = DeskSession.open(data);
             Playwright playwright = Browsers.playwright()) {
            Browser browser = Browsers.launch(playwright);
            BrowserContext context = browser.newContext();
            context.setDefaultTimeout(15_000);
            List<String> errors = new ArrayList<>();
            Page page = context.newPage();
            page.onPageError(errors::add);
            String base = "http://localhost:" + room.port() + "/";
            page.navigate(base);
            assertThat(page.locator("[data-kept-rooms]")).hasCount(0); // nothing is kept unless chosen

            page.navigate(base + "#room=" + room.roomId + "&token=" + room.token("buyer"));
            assertThat(page.locator("[data-connection]")).hasAttribute("data-state", "live");
            page.locator("[data-keep-room]").check();
            page.navigate("about:blank");
            page.navigate(base);
            assertThat(page.locator("[data-kept-room]")).containsText("Point-of-sale system for a boutique");
            assertThat(page.locator("[data-kept-room]")).containsText("Buyer Co, Seller Ltd");
            assertThat(page.locator("[data-kept-room]")).containsText("getting started");
            page.locator("[data-kept-room] a").click();
            assertThat(page.locator("[data-connection]")).hasAttribute("data-state", "live");

            // A new tab has no key for the room's bare address: it says why, and offers the kept link.
            Page tab = context.newPage();
            tab.onPageError(errors::add);
            tab.navigate(base + "#room=" + room.roomId);
            assertThat(tab.locator("[data-missing-key]")).containsText("names a room but not your key");
            tab.locator("[data-kept-link]").click();
            assertThat(tab.locator("[data-connection]")).hasAttribute("data-state", "live");

            // Another browser kept nothing: it says how to get the link back.
            BrowserContext other = browser.newContext();
            Page stranger = other.newPage();
            stranger.navigate(base + "#room=" + room.roomId);
            assertThat(stranger.locator("[data-missing-key]")).containsText("ask the person who created the room");

            page.locator("[data-keep-room]").uncheck();
            page.navigate("about:blank");
            page.navigate(base);
            assertThat(page.locator("[data-kept-rooms]")).hasCount(0);
            assertEquals(List.of(), errors);
            browser.close();
        }
    }
}
