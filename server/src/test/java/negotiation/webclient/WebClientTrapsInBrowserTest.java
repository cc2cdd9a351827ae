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
import com.microsoft.playwright.options.SelectOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Traps a first-time negotiator fell into, each replayed in Chromium against the real server:
 * a primary action out of sight, a warning about a package nobody proposed, advice that no
 * longer fits what happened.
 */
@ExtendWith(BlockedThreadWatch.class)
class WebClientTrapsInBrowserTest extends ServerAndBrowser {
    static final Map<String, Object> O1 = Map.of("price", 5200, "support", "6 months",
            "training", "included", "payment", "upfront");
    static final Map<String, Object> O2 = Map.of("price", 5100, "support", "6 months",
            "training", "included", "payment", "upfront");

    Page join(RoomClient.Room room, String role, int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
        context.setDefaultTimeout(15_000);
        contexts.add(context);
        Page page = context.newPage();
        page.onPageError(pageErrors::add);
        page.onDialog(d -> d.accept());
        page.navigate(server.url() + "#room=" + room.id() + "&token=" + room.token(role));
        assertThat(page.locator("[data-connection]")).containsText("Connected");
        return page;
    }

    Page join(RoomClient.Room room, String role) {
        return join(room, role, 1280, 800);
    }

    static JsonNode interests(String party) {
        return Scenarios.json("pos-system").get("interests").get(party);
    }

    static void submit(RoomClient.Socket socket, String party) {
        socket.acked(socket.send("submitInterests", "interests", interests(party)));
    }

    /** Whether a person sees the element now: its centre is in the window and nothing covers it. */
    static boolean inSight(Locator element) {
        return (Boolean) element.evaluate("el => { const r = el.getBoundingClientRect();"
                + " const x = r.left + r.width / 2, y = r.top + r.height / 2;"
                + " if (r.width === 0 || y < 0 || y > innerHeight || x < 0 || x > innerWidth) return false;"
                + " const hit = document.elementFromPoint(x, y); return hit !== null && el.contains(hit); }");
    }

    /** The submit button is in sight from the moment "Go there" lands on the editor, and while the person works down it. */
    @Test
    void theSubmitButtonStaysInSightWhileEnteringInterests() {
        for (int[] size : new int[][] {{1280, 800}, {390, 844}}) {
            RoomClient.Room room = client.openRoom("pos-system");
            Page buyer = join(room, "buyer", size[0], size[1]);
            buyer.locator("[data-next-go]").click();
            Locator submitButton = buyer.locator("[data-submit-interests]");
            assertEquals(true, inSight(submitButton), "after Go there, at " + size[0] + "x" + size[1]);
            for (String issue : List.of("support", "training", "payment")) {
                buyer.locator("[data-weight=" + issue + "]").scrollIntoViewIfNeeded();
                assertEquals(true, inSight(submitButton), "beside the weight of " + issue + ", at " + size[0] + "x" + size[1]);
            }
            submitButton.click();
            assertThat(buyer.locator("[data-submitted-version]")).isVisible();
        }
    }

    /**
     * After a trade goes out, the trade form shows no warning about a package the person never
     * proposed, and it builds on the newest offer, not the round's first proposal.
     */
    @Test
    void afterATradeNoStaleWarningAndTheFormBuildsOnTheNewestOffer() {
        RoomClient.Room room = client.openRoom("pos-system");
        RoomClient.Socket buyerSocket = client.connect(room, "buyer");
        submit(buyerSocket, "buyer"); // a cap of 5000 USD
        buyerSocket.close();
        RoomClient.Socket seller = client.connect(room, "seller");
        submit(seller, "seller");
        Page buyer = join(room, "buyer");
        assertThat(buyer.locator("[data-meso]")).isVisible();
        seller.acked(seller.send("offer", "package", O1));
        seller.acked(seller.send("offer", "package", O2));
        seller.close();
        assertThat(buyer.locator("[data-offer=o2]")).isVisible();
        buyer.locator("[data-trade-builder] summary").click();
        assertThat(buyer.locator("[data-trade-on]")).hasValue("o2");
        assertThat(buyer.locator("[data-trade-preview] [data-limit-warning]")).hasCount(0);

        buyer.locator("[data-give=support]").selectOption(new SelectOption().setLabel("none"));
        buyer.locator("[data-get=payment]").selectOption(new SelectOption().setLabel("3 instalments over 6 months"));
        // 5100 USD is above the buyer's own cap: a warning for the package it is about to propose
        assertThat(buyer.locator("[data-trade-preview] [data-limit-warning]")).containsText("above your cap of 5000 USD");
        buyer.locator("[data-send-trade]").click();
        assertThat(buyer.locator("[data-offer=t1]")).isVisible();
        assertThat(buyer.locator("[data-trade-preview] [data-limit-warning]")).hasCount(0);
        assertThat(buyer.locator("[data-trade-on]")).hasValue("o2");
        assertThat(buyer.locator("[data-give=support]")).hasValue("");
    }

    Locator next(Page page) {
        return page.locator("[data-next-text]");
    }

    /** The refs of the latest public round's proposals, from the log. */
    List<String> proposals(RoomClient.Room room) {
        List<String> refs = new ArrayList<>();
        for (JsonNode e : client.get("/api/rooms/" + room.id() + "/events?after=0", room.token("buyer")).json()) {
            if ("ProposalsComputed".equals(e.get("kind").asText())) {
                refs.clear();
                e.at("/data/packages").forEach(p -> refs.add(p.get("ref").asText()));
            }
        }
        return refs;
    }

    RoomClient.Room bothSubmitted() {
        RoomClient.Room room = client.openRoom("pos-system");
        for (String party : List.of("buyer", "seller")) {
            RoomClient.Socket socket = client.connect(room, party);
            submit(socket, party);
            socket.close();
        }
        return room;
    }

    /** Once the party made its own offer, the advice waits on the others instead of asking it to compare the proposals. */
    @Test
    void afterItsOwnOfferThePartyIsToldItWaits() {
        RoomClient.Room room = bothSubmitted();
        Page buyer = join(room, "buyer");
        assertThat(next(buyer)).containsText("compare them");
        RoomClient.Socket socket = client.connect(room, "buyer");
        socket.acked(socket.send("offer", "package", O2));
        socket.close();
        assertThat(next(buyer)).containsText("Waiting for seller to answer your offer o1");
        assertThat(next(buyer)).not().containsText("compare");
    }

    /** A proposal the other side rejected is not one to compare: the advice says who rejected it and what is left. */
    @Test
    void proposalsTheOtherSideRejectedAreNotOnesToCompare() {
        RoomClient.Room room = bothSubmitted();
        List<String> refs = proposals(room);
        assertFalse(refs.isEmpty(), "the round proposes something");
        Page buyer = join(room, "buyer");
        assertThat(next(buyer)).containsText(refs.size() == 1 ? "The room proposes" : "compare them");
        RoomClient.Socket seller = client.connect(room, "seller");
        for (String ref : refs) {
            seller.acked(seller.send("reject", "ref", ref));
        }
        seller.close();
        assertThat(next(buyer)).containsText("seller rejected");
        assertThat(next(buyer)).containsText("make an offer or a conditional trade");
        assertThat(next(buyer)).not().containsText("compare");
    }

    /** A private note from the mediator shows in the advice until the party moves, and Go there lands on it. */
    @Test
    void aCaucusNoteFromTheMediatorShowsInTheAdvice() {
        RoomClient.Room room = bothSubmitted();
        Page buyer = join(room, "buyer");
        RoomClient.Socket mediator = client.connect(room, "mediator");
        mediator.acked(mediator.send("note", "text", "The seller cares most about the price; offer on training.", "to", "buyer"));
        mediator.close();
        assertThat(next(buyer)).hasText("The mediator wrote to you in private: \"The seller cares most about the price; offer on training.\"");
        buyer.locator("[data-next-go]").click();
        assertEquals("NoteAdded", buyer.evaluate("() => document.activeElement.dataset.kind"));
        RoomClient.Socket socket = client.connect(room, "buyer");
        socket.acked(socket.send("offer", "package", O2));
        socket.close();
        assertThat(next(buyer)).containsText("Waiting for seller to answer your offer o1");
    }

    /** "Go there" lands on the card to answer, with the focus on it, not on the top of its section. */
    @Test
    void goThereLandsOnTheCardToAnswer() {
        RoomClient.Room room = bothSubmitted();
        RoomClient.Socket seller = client.connect(room, "seller");
        seller.acked(seller.send("offer", "package", O1));
        seller.acked(seller.send("offer", "package", O2));
        seller.close();
        Page buyer = join(room, "buyer");
        assertThat(next(buyer)).hasText("seller offered o2: answer it");
        buyer.locator("[data-next-go]").click();
        assertEquals("o2", buyer.evaluate("() => document.activeElement.closest('[data-offer]')?.dataset.offer ?? null"));
        assertEquals(true, inSight(buyer.locator("[data-accept=o2]")));
    }

    /**
     * Both walk-away points at 0: many packages of the frontier clear every band, more than the
     * public round shows, and the others are each party's safe offers, folded under the offers.
     * The advice names them.
     */
    @Test
    void safeOffersBesideAPublicRoundAreNamedInTheAdvice() {
        RoomClient.Room room = client.openRoom("pos-system");
        for (String party : List.of("buyer", "seller")) {
            com.fasterxml.jackson.databind.node.ObjectNode open = interests(party).deepCopy();
            open.put("floor", 0);
            open.remove("limits");
            RoomClient.Socket socket = client.connect(room, party);
            socket.acked(socket.send("submitInterests", "interests", open));
            socket.close();
        }
        Page buyer = join(room, "buyer");
        assertThat(buyer.locator("[data-meso]")).isVisible();
        assertThat(buyer.locator("[data-safe-offers=mine] [data-safe-offer]")).not().hasCount(0);
        assertThat(next(buyer)).containsText("only you can see, under Offers and trades");
    }

    /**
     * The printed agreement is a document to file: title, names, terms in words, when each party
     * accepted, the privacy level, signature lines and the log's head with how to check it; the
     * party's private figures stay on its screen and out of the PDF.
     */
    @Test
    void thePrintedAgreementIsADocumentWithoutPrivateFigures() throws Exception {
        RoomClient.Room room = bothSubmitted();
        RoomClient.Socket seller = client.connect(room, "seller");
        seller.acked(seller.send("offer", "package", O2));
        seller.close();
        RoomClient.Socket buyerSocket = client.connect(room, "buyer");
        buyerSocket.acked(buyerSocket.send("accept", "ref", "o1"));
        buyerSocket.close();
        String head = client.get("/api/rooms/" + room.id(), room.token("buyer")).json().get("head").asText();
        Page buyer = join(room, "buyer");
        assertThat(buyer.locator("[data-outcome]")).isVisible(); // the party's own copy, on screen
        assertThat(buyer.locator("[data-document-head]")).hasText(head);
        // the log the document tells to verify is one click away, and ends on the same head
        com.microsoft.playwright.Download download = buyer.waitForDownload(() -> buyer.locator("[data-agreement-log]").click());
        List<String> lines = java.nio.file.Files.readAllLines(download.path());
        assertTrue(lines.get(lines.size() - 1).contains(head) || lines.get(0).contains(head), "the downloaded log names the head " + head);

        String text;
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(buyer.pdf())) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
        }
        // a picture of the printed copy, to look at
        buyer.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
        buyer.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(java.nio.file.Paths.get("target/webclient-screenshots/agreement-print.png")));
        String title = client.get("/api/rooms/" + room.id(), room.token("buyer")).json().get("title").asText();
        for (String words : List.of("Agreement: " + title, "Between buyer and seller", "Price", "5100 USD", "After-sales support", "6 months",
                "No contingent terms", "Accepted", "Privacy level of the room: Standard", "verify", "Signed for buyer", "Signed for seller")) {
            assertTrue(text.contains(words), "the PDF says \"" + words + "\":\n" + text);
        }
        assertTrue(text.replaceAll("\\s", "").contains(head), "the PDF holds the head " + head + ":\n" + text);
        for (String secret : List.of("%", "score", "Your outcome", "Concession", "utility")) {
            assertFalse(text.contains(secret), "the PDF shows no private figure, yet it says \"" + secret + "\":\n" + text);
        }
    }
}
