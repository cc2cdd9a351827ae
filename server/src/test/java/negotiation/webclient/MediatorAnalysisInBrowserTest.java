package negotiation.webclient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import negotiation.mediation.ChainVerifier;
import negotiation.mediation.PosSession;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mediator's analysis view in Chromium: after the point-of-sale session (both parties
 * unsealed) it shows the figures, the concession log and the joint gain, the head hash of the
 * room, and downloads a log that verifies offline to that same head.
 */
@ExtendWith(BlockedThreadWatch.class)
class MediatorAnalysisInBrowserTest {
    @TempDir
    Path data;
    @TempDir
    Path downloads;

    @Test
    void aMediatorReadsTheAnalysisAndDownloadsAVerifiableLog() throws Exception {
        Browsers.chromium();
        try (PosSession room = PosSession.open(data).negotiate(true);
             Playwright playwright = Browsers.playwright()) {
            Browser browser = Browsers.launch(playwright);
            BrowserContext context = browser.newContext(new Browser.NewContextOptions().setAcceptDownloads(true));
            context.setDefaultTimeout(15_000);
            Page page = context.newPage();
            List<String> errors = new ArrayList<>();
            page.onPageError(errors::add);
            page.navigate("http://localhost:" + room.port() + "/#room=" + room.roomId + "&token=" + room.token("mediator"));

            // The mode switch sits below the room's head and agreement banner, which fill in while the
            // room's history arrives and then its presence; a click whose press and release straddle
            // such a re-layout is lost without an error (Playwright checks the target at the press
            // only), and the analysis stays hidden. So: click once the room is loaded, and check
            // that the click took before reading the analysis.
            assertThat(page.locator("[data-connection]")).hasAttribute("data-state", "live");
            assertThat(page.locator("[data-presence] [data-here]")).isVisible();
            page.locator("[data-mode=replay]").click(); // the analysis lives beside the replay, a mode of its own
            assertThat(page.locator("[data-mode=replay]")).hasAttribute("aria-pressed", "true");
            assertThat(page.locator("[data-analysis-section]")).isVisible();
            assertThat(page.locator("[data-analysis-moves] tr[data-party=seller]")).containsText("seller1100");
            assertThat(page.locator("[data-analysis-moves] tr[data-party=buyer]")).containsText("buyer1011");
            assertThat(page.locator("[data-analysis-time]")).containsText("rounds: 1");
            assertThat(page.locator("[data-analysis-concessions] li[data-ref=t1]"))
                    .containsText("Price: 5400 USD → 5000 USD (buyer +22.50 points, seller −35.00 points)");
            assertThat(page.locator("[data-analysis-gain] tbody tr").first()).containsText("126.85 %");
            assertThat(page.locator("[data-analysis-gain] tbody tr").last()).containsText("+26.35 points");
            String head = room.get("", "mediator").json().get("head").asText();
            assertThat(page.locator("[data-head-hash]")).hasText(head);

            // The room re-renders on every change (here: a party comes online); the download button
            // stays the same element, so a click pressed across a re-render is not lost.
            page.evaluate("window.exportButton = document.querySelector('[data-export-log]')");
            try (RoomClient visitor = new RoomClient(room.port())) {
                RoomClient.Socket buyer = visitor.connect(room.roomId, room.token("buyer"));
                buyer.acked(buyer.send("hello", "after", 0));
                assertThat(page.locator("[data-here]")).containsText("buyer");
                assertEquals(true, page.evaluate("document.querySelector('[data-export-log]') === window.exportButton"),
                        "the download button was rebuilt by a re-render");
            }
            assertThat(page.locator("[data-export-log]")).isVisible();
            Download download = page.waitForDownload(() -> page.locator("[data-export-log]").click());
            Path file = downloads.resolve("room.ndjson");
            download.saveAs(file);
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                ChainVerifier.Verification v = ChainVerifier.verify(in, event -> { });
                assertTrue(v.intact(), v.reason());
                assertEquals(head, v.head());
            }
            assertEquals(List.of(), errors);
            browser.close();
        }
    }
}
