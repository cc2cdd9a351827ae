package negotiation.webclient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web client's command ids stay unique across page loads: accept,
 * reject, reload, accept again, and the last accept is appended as a new event instead of
 * being taken for a re-send of the first. The socket carries its token in the
 * Sec-WebSocket-Protocol header, never in its URL.
 */
@ExtendWith(BlockedThreadWatch.class)
class CommandIdsInBrowserTest {
    @TempDir
    Path data;

    @Test
    void anAcceptAfterAReloadIsAppendedAndTheTokenStaysOutOfTheSocketUrl() throws Exception {
        Browsers.chromium();
        try (Server server = Server.start(new Server.Settings(0, data, 100));
             RoomClient client = new RoomClient(server.port());
             Playwright playwright = Browsers.playwright();
             Browser browser = Browsers.launch(playwright)) {
            RoomClient.Room room = client.openRoom("pos-system");
            RoomClient.Socket seller = client.connect(room, "seller");
            seller.acked(seller.send("offer", "package", Map.of("price", 5200, "support", "6 months",
                    "training", "included", "payment", "upfront")));

            BrowserContext context = browser.newContext();
            context.setDefaultTimeout(15_000);
            Page page = context.newPage();
            List<String> socketUrls = new CopyOnWriteArrayList<>();
            page.onWebSocket(ws -> socketUrls.add(ws.url()));
            page.navigate(server.url() + "#room=" + room.id() + "&token=" + room.token("buyer"));
            assertThat(page.locator("[data-connection]")).containsText("Connected");

            // the app no longer offers to reject a ref once it is agreed, so the
            // repeated command is a note, as the issue says ("same for a repeated note"), then an accept
            note(page, client, room, "Let us talk about support");
            page.reload();
            assertThat(page.locator("[data-connection]")).containsText("Connected");
            note(page, client, room, "Let us talk about support"); // with ids restarting at each load: never recorded
            answer(page, client, room, "accept", "Accepted");

            assertEquals(2, socketUrls.size(), "one socket per page load: " + socketUrls);
            for (String url : socketUrls) {
                assertFalse(url.contains(room.token("buyer")) || url.contains("token="), "no token in the socket URL: " + url);
            }
            context.close();
        }
    }

    /** Sends a note from the page and waits until the room appends it as a new event. */
    static void note(Page page, RoomClient client, RoomClient.Room room, String text) {
        long before = client.lastSeq(room);
        page.locator("[data-note-text]").fill(text);
        page.locator("[data-add-note]").click();
        awaitEvent(page, client, room, before, "NoteAdded");
    }

    /** Clicks Accept or Reject on o1 and waits until the room appends that answer as a new event. */
    static void answer(Page page, RoomClient client, RoomClient.Room room, String button, String kind) {
        long before = client.lastSeq(room);
        page.locator("[data-" + button + "=\"o1\"]").click();
        if (button.equals("reject")) {
            page.locator("[data-confirm-reject=\"o1\"]").click(); // a rejection may carry a reason: it has its own form
        }
        awaitEvent(page, client, room, before, kind);
    }

    /** Waits until the room appends an event of this kind by the buyer after seq `before`. */
    private static void awaitEvent(Page page, RoomClient client, RoomClient.Room room, long before, String kind) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode events = client.get("/api/rooms/" + room.id() + "/events?after=" + before, room.token("mediator")).json();
            for (JsonNode event : events) {
                if (event.get("kind").asText().equals(kind) && event.at("/data/party").asText().equals("buyer")) {
                    return;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no " + kind + " by buyer appended after seq " + before
                + "; the page says: " + page.locator("[data-message]").textContent());
    }
}
