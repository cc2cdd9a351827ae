package negotiation.webclient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import negotiation.mediation.DeskSession;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mediator's desk in Chromium, over the session of {@link DeskSession} (an amendment, new
 * interests, a rejected trade and suggestion, an agreement on o3 with a contingent term, then the
 * room's improvement i1 accepted by both): the agreement and its Markdown export follow the
 * improvement and keep the term; the analysis's figures agree with each other and say which
 * agreement replaced which; the replay's buttons work and show what the log holds.
 */
@ExtendWith(BlockedThreadWatch.class)
class MediatorDeskInBrowserTest {
    @TempDir
    Path data;

    private static Page open(Browser browser, DeskSession room, String role, List<String> errors) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800)
                .setAcceptDownloads(true));
        context.setDefaultTimeout(15_000);
        Page page = context.newPage();
        page.onPageError(errors::add);
        page.navigate("http://localhost:" + room.port() + "/#room=" + room.roomId + "&token=" + room.token(role));
        assertThat(page.locator("[data-connection]")).hasAttribute("data-state", "live");
        assertThat(page.locator("[data-presence] [data-here]")).isVisible();
        return page;
    }

    @Test
    void theAgreementAndItsMarkdownFollowTheAcceptedImprovementWithItsTerms() throws Exception {
        Browsers.chromium();
        try (DeskSession room = DeskSession.open(data).toFirstAgreement();
             Playwright playwright = Browsers.playwright()) {
            Browser browser = Browsers.launch(playwright);
            List<String> errors = new ArrayList<>();
            Page buyer = open(browser, room, "buyer", errors);
            assertThat(buyer.locator("[data-agreement=o3]")).isVisible();
            buyer.locator("[data-export-markdown]").click();
            assertThat(buyer.locator("[data-markdown]")).containsText("ref `o3`");

            room.acceptImprovement();
            assertThat(buyer.locator("[data-agreement=i1]")).containsText("It replaced the agreement on o3");
            assertThat(buyer.locator("[data-agreement-document]")).containsText(DeskSession.TERM_THEN);
            assertThat(buyer.locator("[data-document-replaces]")).containsText("o3");
            assertThat(buyer.locator("[data-markdown]")).containsText("ref `i1`");
            assertThat(buyer.locator("[data-markdown]")).containsText(DeskSession.TERM_THEN);
            Path file = data.resolve("agreement.md");
            buyer.waitForDownload(() -> buyer.locator("[data-download-markdown]").click()).saveAs(file);
            String downloaded = Files.readString(file);
            assertTrue(downloaded.contains("ref `i1`") && downloaded.contains(DeskSession.TERM_THEN),
                    "the download gives the agreement in force: " + downloaded);
            assertEquals(List.of(), errors);
            browser.close();
        }
    }

    @Test
    void theAnalysisAddsUpAndTheReplayButtonsWork() throws Exception {
        Browsers.chromium();
        try (DeskSession room = DeskSession.open(data).toFirstAgreement().acceptImprovement();
             Playwright playwright = Browsers.playwright()) {
            Browser browser = Browsers.launch(playwright);
            List<String> errors = new ArrayList<>();
            Page page = open(browser, room, "mediator", errors);
            page.locator("[data-mode=replay]").click();
            assertThat(page.locator("[data-mode=replay]")).hasAttribute("aria-pressed", "true");
            assertThat(page.locator("[data-parties]")).isHidden(); // no live box beside the replayed one

            // The figures: display names, the agreement in force, and moves whose lines add up.
            assertThat(page.locator("[data-analysis-moves] tr[data-party=seller]")).containsText("Seller Ltd");
            assertThat(page.locator("[data-analysis-time]")).containsText("the agreement in force, on i1");
            assertThat(page.locator("[data-analysis-time]")).containsText("the agreement on o3");
            assertThat(page.locator("[data-analysis-time]")).containsText("was replaced by i1");
            Locator paths = page.locator("[data-analysis-paths] tbody tr");
            assertThat(paths.filter(new Locator.FilterOptions().setHasText("agreement on o3 (replaced by i1)"))).hasCount(1);
            assertThat(paths.filter(new Locator.FilterOptions().setHasText("agreement on i1 (in force)"))).hasCount(1);
            assertThat(paths.filter(new Locator.FilterOptions().setHasText("the mediator's suggestion m1"))).hasCount(1);
            Locator t1 = page.locator("[data-analysis-concessions] li[data-ref=t1]");
            assertThat(t1).containsText("Gives Payment plan → 3 instalments over 6 months; needs Price → 5300 USD.");
            // the lines below compare t1 with its author's previous move, not with the package it trades on
            assertThat(t1).containsText("needs Price → 5300 USD. Against Seller Ltd's previous move, o1.");
            Locator o3 = page.locator("[data-analysis-concessions] li[data-ref=o3]");
            assertThat(o3.locator("[data-change-issue=golive]")).containsText("Go-live date: added to the agenda since t1, now 1 April");
            assertThat(o3.locator("[data-revalued]")).containsText("Buyer Co");
            assertThat(o3.locator("[data-move-total]")).containsText("In all: Buyer Co");
            // o1 scores the same in the paths and in the joint-gain table
            String o1Path = paths.filter(new Locator.FilterOptions().setHasText("Seller Ltd's offer o1")).locator("td").first().textContent();
            Locator o1Gain = page.locator("[data-analysis-gain] tbody tr").filter(new Locator.FilterOptions().setHasText("first position, o1"));
            assertEquals(o1Path, o1Gain.locator("td").first().textContent());

            // The replay at the last event: the chart in seq order, the offers with their reasons.
            page.locator("[data-replay-prev]").click();
            assertThat(page.locator("[data-replay-view] [data-offer=o1]")).containsText("why: far above our budget");
            List<String> refs = new ArrayList<>();
            for (String text : page.locator("[data-replay-view] svg[data-chart] text.axis").allTextContents()) {
                if (text.matches("[a-z]\\d.*")) {
                    refs.add(text);
                }
            }
            assertEquals(List.of("o1", "o2", "t1", "m1", "o3", "i1"), refs.subList(refs.size() - 6, refs.size()),
                    "every package in the order it came to the table: " + refs);
            assertTrue(refs.subList(0, refs.size() - 6).stream().allMatch(r -> r.startsWith("p1-")), refs.toString());

            // The header's buttons, pressed in the replay: the agreement in the live room, the analysis.
            // One next action: the Next box's button is the only primary one over the room.
            assertEquals(List.of("Go there"), page.locator("[data-room-head] button.primary, [data-agreement-banner] button.primary").allTextContents().stream()
                    .map(String::strip).toList());
            page.locator("[data-banner-read]").click();
            assertThat(page.locator("[data-mode=live]")).hasAttribute("aria-pressed", "true");
            assertThat(page.locator("#step-agreement")).isInViewport();
            page.locator("[data-next-go]").click();
            assertThat(page.locator("[data-mode=replay]")).hasAttribute("aria-pressed", "true");
            assertThat(page.locator("[data-analysis-section] h2")).isInViewport();
            assertEquals(List.of(), errors);
            browser.close();
        }
    }

    @Test
    void anAnsweredSuggestionAndAnAmendmentWaitingOnAPartyEachMakeANoticeUnderTheNextLine() throws Exception {
        Browsers.chromium();
        try (DeskSession room = DeskSession.open(data);
             Playwright playwright = Browsers.playwright()) {
            Browser browser = Browsers.launch(playwright);
            List<String> errors = new ArrayList<>();
            RoomClient.Socket buyer = room.join("buyer");
            RoomClient.Socket seller = room.join("seller");
            RoomClient.Socket mediator = room.join("mediator");
            JsonNode interests = Scenarios.json("pos-system").get("interests");
            // walk-away points that leave no overlap: the Next line tells the mediator what to do about it
            buyer.acked(buyer.send("submitInterests", "interests", ((ObjectNode) interests.get("buyer").deepCopy()).put("floor", 8000)));
            seller.acked(seller.send("submitInterests", "interests", ((ObjectNode) interests.get("seller").deepCopy()).put("floor", 8000)));
            Page page = open(browser, room, "mediator", errors);
            assertThat(page.locator("[data-next-action]")).containsText("Round 1 found no package every party can accept: "
                    + "ask each party in private whether its walk-away point can move");
            buyer.acked(buyer.send("submitInterests", "interests", interests.get("buyer")));
            seller.acked(seller.send("submitInterests", "interests", interests.get("seller")));
            assertThat(page.locator("[data-next-action]")).containsText("Follow the offers");
            mediator.acked(mediator.send("suggest", "package", Map.of("price", 5200, "support", "6 months",
                    "training", "included", "payment", "upfront"), "text", "Meet in the middle on price."));
            assertThat(page.locator("[data-event-log] li").last()).containsText("suggested m1");
            assertThat(page.locator("[data-desk-notices]")).isHidden(); // rounds and one's own suggestion make none
            Locator notices = page.locator("[data-next-action] + [data-desk-notices]");

            buyer.acked(buyer.send("accept", "ref", "m1"));
            assertThat(notices.locator("[data-desk-notice=suggestion]")).containsText("Buyer Co accepted your suggestion m1.");
            assertThat(page).hasTitle(Pattern.compile("^\\(1 new\\) "));
            seller.acked(seller.send("reject", "ref", "m1", "reason", "support costs us too much"));
            assertThat(notices.locator("[data-desk-notice=suggestion]").first())
                    .containsText("Seller Ltd rejected your suggestion m1: \"support costs us too much\"");
            assertThat(page).hasTitle(Pattern.compile("^\\(2 new\\) "));

            seller.acked(seller.send("amend", "changes", List.of(Map.of("addIssue", Map.of("id", "golive",
                    "label", "Go-live date", "options", List.of("1 April", "1 March")))), "reason", "we need a date"));
            Locator amendment = notices.locator("[data-desk-notice=amendment]");
            assertThat(amendment).containsText(
                    "Seller Ltd proposes to change the agenda (amendment a1): add \"Go-live date\" (1 April · 1 March). It waits on Buyer Co.");
            assertThat(page).hasTitle(Pattern.compile("^\\(3 new\\) "));
            assertThat(page.locator("[data-next-action]")).containsText("Seller Ltd proposed adding \"Go-live date\" to the agenda; it waits on Buyer Co");
            assertThat(amendment).isInViewport();
            // The header stays on screen as the page scrolls: its notices must not push the room out of view.
            page.mouse().wheel(0, 600);
            double head = page.locator("[data-room-head]").boundingBox().height;
            assertTrue(head <= 0.4 * 800, "with three notices the header takes " + head + " px of 800");
            page.evaluate("() => window.scrollTo(0, 0)");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("desk-notice-desktop.png")));

            // "Mark as read" takes one off the count; on a phone the rest sit right under the Next line.
            notices.locator("[data-desk-notice=suggestion] [data-notice-read]").first().click();
            assertThat(page).hasTitle(Pattern.compile("^\\(2 new\\) "));
            page.setViewportSize(390, 844);
            page.evaluate("() => window.scrollTo(0, 0)");
            assertThat(amendment).isInViewport();
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("desk-notice-phone.png")));
            // A notice of something already over goes: the amendment rejected, its notice with it.
            buyer.acked(buyer.send("reject", "ref", "a1", "reason", "the date is not ours to set"));
            assertThat(amendment).hasCount(0);
            assertThat(page).hasTitle(Pattern.compile("^\\(1 new\\) "));
            // "Show in the log" brings the event into view, however far down the log it sits.
            Locator left = notices.locator("[data-desk-notice=suggestion]");
            String seq = left.getAttribute("data-seq");
            left.locator("button").first().click();
            assertThat(page.locator("[data-event-log] [data-seq=\"" + seq + "\"]")).isInViewport();
            assertThat(page).hasTitle(Pattern.compile("^[^(]"));

            // Both parties unseal a moment apart: the mediator then sees both parties' scores of the
            // earlier suggestion, though the history asked for after the first unseal predates the
            // second (held here until the second has arrived).
            List<Route> held = new ArrayList<>();
            page.route("**/events?after=0", route -> {
                if (held.isEmpty()) {
                    held.add(route);
                } else {
                    route.resume();
                }
            });
            buyer.acked(buyer.send("unseal"));
            page.waitForCondition(() -> !held.isEmpty());
            APIResponse beforeTheSecond = held.get(0).fetch();
            seller.acked(seller.send("unseal"));
            assertThat(page.locator("[data-event-log] li").last()).containsText("Seller Ltd unsealed");
            held.get(0).fulfill(new Route.FulfillOptions().setResponse(beforeTheSecond));
            assertThat(page.locator("[data-offer=m1]")).containsText("Buyer Co: 52.50 %");
            assertThat(page.locator("[data-offer=m1]")).containsText("Seller Ltd: 60.60 %");
            assertThat(page.locator("#h-chart")).hasText("The parties' scores across the session");
            buyer.close();
            seller.close();
            mediator.close();
            assertEquals(List.of(), errors);
            browser.close();
        }
    }

    /** Copied into docs/screenshots by hand, as the other browser tests' are. */
    private static final Path SHOTS = Path.of("target", "webclient-screenshots");

    @Test
    void noticesSafeNotesAPrintableReportAndAPhoneWidthAnalysis() throws Exception {
        Browsers.chromium();
        try (DeskSession room = DeskSession.open(data).toFirstAgreement();
             Playwright playwright = Browsers.playwright()) {
            Browser browser = Browsers.launch(playwright);
            List<String> errors = new ArrayList<>();
            Page page = open(browser, room, "mediator", errors);
            List<String> dialogs = new ArrayList<>();
            page.onDialog(dialog -> {
                dialogs.add(dialog.message());
                dialog.dismiss();
            });

            // The room's improvement waits on the parties: the Next line says so before "review the analysis".
            assertThat(page.locator("[data-next-action]")).containsText(
                    "The room found i1, better for every party than the agreement on o3; it waits on Buyer Co and Seller Ltd");
            // A private note to the mediators and an agreement each make a notice, counted in the title.
            RoomClient.Socket buyer = room.join("buyer");
            buyer.acked(buyer.send("note", "text", "Between us: 5000 is our limit.", "to", "mediator"));
            assertThat(page.locator("[data-desk-notice=note]")).containsText("Private note from Buyer Co to the mediators");
            assertThat(page).hasTitle(Pattern.compile("^\\(1 new\\) "));
            page.locator("[data-desk-notice=note] button").first().click();
            assertThat(page.locator("[data-event-log] li").last()).isInViewport();
            buyer.close();
            room.acceptImprovement();
            assertThat(page.locator("[data-desk-notice=agreement]")).containsText("Agreement reached on i1");
            assertThat(page.locator("[data-next-action]")).containsText("Agreement reached on i1: review the session analysis");

            // Notes: one for the mediators alone; the choice survives a reload; everyone after private asks first.
            page.locator("[data-note-to]").selectOption("mediator");
            page.locator("[data-note-text]").fill("Check the go-live clause.");
            page.locator("[data-add-note]").click();
            assertThat(page.locator("[data-event-log] li").last()).containsText("Note for the mediators only: Check the go-live clause.");
            page.reload();
            assertThat(page.locator("[data-connection]")).hasAttribute("data-state", "live");
            assertThat(page.locator("[data-note-to]")).hasValue("mediator");
            page.locator("[data-note-to]").selectOption("");
            page.locator("[data-note-text]").fill("Thank you both.");
            page.locator("[data-add-note]").click();
            assertThat(page.locator("[data-note-problem]")).containsText("Not sent");
            assertTrue(dialogs.size() == 1 && dialogs.get(0).contains("goes to everyone"), dialogs.toString());
            page.locator("[data-note-text]").fill("  ");
            page.locator("[data-add-note]").click();
            assertThat(page.locator("[data-note-problem]")).containsText("Nothing was sent: the note is empty");

            // The session report prints alone: the timeline with its reasons, the agreement in force
            // with its terms and what it replaced, the joint gain in words, the head hash.
            page.locator("[data-mode=replay]").click();
            assertThat(page.locator("[data-analysis-gain]")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("desk-analysis-desktop.png")).setFullPage(true));
            // the browser's print dialog would hold the page; page.pdf() prints it as the dialog would
            page.evaluate("window.print = () => { window.printAsked = true; }");
            page.locator("[data-print-report]").click();
            assertEquals(true, page.evaluate("window.printAsked"));
            String head = room.get("", "mediator").json().get("head").asText();
            String text;
            try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(page.pdf())) {
                text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            }
            for (String wanted : List.of("Session report: Point-of-sale system for a boutique", "Timeline",
                    "rejected o1: far above our budget", "Agreement in force: i1", DeskSession.TERM_THEN,
                    "It replaced the agreement on o3", "gives the parties together", head)) {
                assertTrue(text.contains(wanted), "the report holds \"" + wanted + "\":\n" + text);
            }
            assertTrue(!text.contains("Show:"), "only the report is printed");
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("desk-report-print.png")).setFullPage(true));
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.SCREEN));

            // On a phone the analysis fits the width: no table widens the page.
            page.setViewportSize(390, 844);
            // A mediator following the room live finds its log within the first screen and a half.
            page.locator("[data-mode=live]").click();
            page.evaluate("() => window.scrollTo(0, 0)");
            double logTop = ((Number) page.locator("[data-log]").evaluate("el => el.getBoundingClientRect().top + window.scrollY")).doubleValue();
            assertTrue(logTop <= 1.5 * 844, "the room log starts " + logTop + " px down a phone's page");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("desk-live-phone.png")));
            page.locator("[data-mode=replay]").click();
            assertThat(page.locator("[data-analysis] [data-analysis-gain]")).isVisible();
            Object width = page.evaluate("document.documentElement.scrollWidth");
            Object wide = page.evaluate("[...document.querySelectorAll('body *')].filter(e => e.getClientRects().length"
                    + " && (e.getBoundingClientRect().right > 391 || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible'))"
                    + ".filter(e => ![...e.children].some(c => c.getClientRects().length && (c.getBoundingClientRect().right > 391"
                    + " || c.scrollWidth > c.clientWidth + 1 && getComputedStyle(c).overflowX === 'visible')))"
                    + ".slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Object.keys(e.dataset).join(',')"
                    + " + ' ' + Math.round(e.getBoundingClientRect().right) + '/' + e.scrollWidth).join('; ')");
            assertTrue(((Number) width).intValue() <= 390, "the page is " + width + " px wide at 390: " + wide);
            page.locator("[data-analysis] [data-analysis-gain]").scrollIntoViewIfNeeded();
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("desk-analysis-phone.png")));
            page.locator("[data-print-report]").click();
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
            page.evaluate("() => window.scrollTo(0, 0)");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("desk-report-phone.png")));
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.SCREEN));
            assertEquals(List.of(), errors);
            browser.close();
        }
    }
}
