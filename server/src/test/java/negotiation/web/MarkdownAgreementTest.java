package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import negotiation.Json;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Markdown agreement copies no user text as markup: rendered by a CommonMark (with GFM
 * tables) renderer, injected links, images, HTML, headings and table cells come out as the
 * literal text the users typed.
 */
@ExtendWith(BlockedThreadWatch.class)
class MarkdownAgreementTest {
    static final String LINK = "[click](javascript:alert(1))";
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String IMAGE = "![x](http://evil.example/x.png) | extra cell";
    /** A title holds no line break (refused as a control character); a term's text may, below. */
    static final String TITLE = "# injected heading #1 <b>bold</b>";

    @TempDir
    Path data;

    @Test
    void userTextInTheMarkdownAgreementRendersAsTheSameLiteralText() throws Exception {
        Map<String, Object> agenda = Map.of(
                "title", TITLE,
                "parties", List.of("buyer", "seller"),
                "issues", List.of(
                        Map.of("id", "link", "label", LINK, "options", List.of(SCRIPT, IMAGE)),
                        Map.of("id", "price", "label", "Price *really* `low`", "unit", "<i>USD</i> & ~~co~~",
                                "range", Map.of("min", 1, "max", 2, "step", 1))));
        try (Server server = Server.start(new Server.Settings(0, data, 100));
             RoomClient client = new RoomClient(server.port())) {
            HttpAnswer created = client.post("/api/rooms", Json.MAPPER.writeValueAsString(agenda));
            assertEquals(201, created.status(), created.body());
            RoomClient.Room room = new RoomClient.Room(created.json().get("roomId").asText(), created.json().get("invites"));
            RoomClient.Socket buyer = client.connect(room, "buyer");
            buyer.acked(buyer.send("offer", "package", Map.of("link", IMAGE, "price", 2),
                    "terms", List.of(Map.of("if", LINK, "then", "<img src=x onerror=alert(1)>\n- a list item"))));
            RoomClient.Socket seller = client.connect(room, "seller");
            seller.acked(seller.send("accept", "ref", "o1"));

            HttpAnswer markdown = client.get("/api/rooms/" + room.id() + "/agreement?format=md", room.token("buyer"));
            assertEquals(200, markdown.status(), markdown.body());
            String html = HtmlRenderer.builder().extensions(List.of(TablesExtension.create())).build()
                    .render(Parser.builder().extensions(List.of(TablesExtension.create())).build().parse(markdown.body()));

            for (String tag : List.of("<a ", "<img", "<script", "<b>", "<i>", "<em>", "<strong>", "<del>", "<li>- ")) {
                assertFalse(html.contains(tag), tag + " in\n" + html);
            }
            assertEquals(1, count(html, "<h1>"), "one heading of level 1: " + html);
            assertEquals(5, count(html, "<h2>"), "only the document's own sections: " + html);
            assertEquals(2, count(html, "<code>"), "only the room id and the ref are code: " + html);
            assertEquals(1, count(html, "<li>"), "one term, one item: " + html);
            assertEquals(3, count(html, "<tr>"), "a header row and one row per issue: " + html);
            assertEquals(6, count(html, "<td>") + count(html, "<th>"), "two cells a row: " + html);
            // Each string shows as the users typed it, line breaks as spaces.
            String text = html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
            for (String typed : List.of(TITLE, LINK, IMAGE, "Price *really* `low`",
                    "2 <i>USD</i> & ~~co~~", "If " + LINK + ", then <img src=x onerror=alert(1)> - a list item.")) {
                assertTrue(text.contains(typed), typed + " not literal in\n" + html);
            }
            JsonNode agreement = client.get("/api/rooms/" + room.id() + "/agreement", room.token("buyer")).json();
            assertEquals(IMAGE, agreement.at("/package/link").asText(), "the JSON agreement keeps the raw text");
        }
    }

    static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
