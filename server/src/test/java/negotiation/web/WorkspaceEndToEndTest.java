package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import negotiation.Server;
import negotiation.mediation.ChainVerifier;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Protocol 1.1 over a real server and real WebSockets: the seeds' point-of-sale case, caucus notes, suggestions. */
@ExtendWith(BlockedThreadWatch.class)
class WorkspaceEndToEndTest {
    @TempDir
    Path data;
    Server server;
    RoomClient client;
    RoomClient.Room room;
    RoomClient.Socket buyer;
    RoomClient.Socket seller;
    RoomClient.Socket mediator;

    @BeforeEach
    void open() throws Exception {
        // Snapshots every 3 events: rooms load from snapshots that hold amendments, stale and withdrawn refs.
        server = Server.start(new Server.Settings(0, data, 3));
        client = new RoomClient(server.port());
    }

    @AfterEach
    void close() throws Exception {
        client.close();
        server.close();
    }

    void join(String scenario) {
        room = client.openRoom(scenario);
        buyer = client.connect(room, "buyer");
        seller = client.connect(room, "seller");
        mediator = client.connect(room, "mediator");
        for (RoomClient.Socket socket : List.of(buyer, seller, mediator)) {
            socket.acked(socket.send("hello", "after", 0));
        }
    }

    long seq(JsonNode ack) {
        return ack.get("seq").asLong();
    }

    HttpAnswer get(String path, String role) {
        HttpAnswer answer = client.get("/api/rooms/" + room.id() + path, room.token(role));
        assertEquals(200, answer.status(), answer.body());
        return answer;
    }

    /**
     * The seeds' case: price alone leaves no zone of agreement; the seller widens the agenda with
     * support, training and instalments in one amendment; once the buyer accepts and both resubmit,
     * round 2 finds packages both accept.
     */
    @Test
    void expandingThePieTurnsNoZopaIntoAnAgreement() throws IOException {
        join("pos-price-only");
        JsonNode scenario = Scenarios.json("pos-price-only");
        buyer.acked(buyer.send("submitInterests", "interests", scenario.at("/interests/buyer")));
        long round1 = seq(seller.acked(seller.send("submitInterests", "interests", scenario.at("/interests/seller"))));
        JsonNode first = seller.eventAt(round1).get("data");
        assertEquals(1, first.get("round").asInt());
        assertFalse(first.get("zopa").asBoolean(), "price alone: the buyer's cap is below the seller's floor");
        long offered = seq(buyer.acked(buyer.send("offer", "package", Map.of("price", 4900))));

        long proposedAt = seq(seller.acked(seller.send("amend", "changes", scenario.at("/amendment/changes"),
                "reason", scenario.at("/amendment/reason").asText())));
        JsonNode proposal = buyer.eventAt(proposedAt);
        assertEquals("AmendmentProposed", proposal.get("kind").asText());
        assertEquals("a1", proposal.at("/data/ref").asText());
        assertEquals(1, proposal.at("/data/agendaVersion").asInt());
        assertEquals(3, proposal.at("/data/changes").size());

        long amendedAt = seq(buyer.acked(buyer.send("accept", "ref", "a1")));
        JsonNode amended = seller.eventAt(amendedAt);
        assertEquals("AgendaAmended", amended.get("kind").asText());
        assertEquals(2, amended.at("/data/version").asInt());
        assertEquals(List.of("price", "support", "training", "payment"), ids(amended.at("/data/agenda/issues")));

        // The views show the agenda as it stood, now and by time travel.
        JsonNode now = get("", "buyer").json();
        assertEquals(2, now.get("agendaVersion").asInt());
        assertEquals(4, now.at("/agenda/issues").size());
        assertEquals("agreed", now.at("/amendments/0/status").asText());
        JsonNode before = get("/state?at=" + proposedAt, "seller").json();
        assertEquals(1, before.get("agendaVersion").asInt());
        assertEquals(List.of("price"), ids(before.at("/agenda/issues")));

        // The offer on the price-only agenda can no longer be accepted.
        JsonNode stale = seller.answer(seller.send("accept", "ref", "o1"));
        assertEquals("conflict", stale.get("code").asText(), stale.toString());
        assertTrue(stale.get("message").asText().contains("agenda changed"), stale.toString());
        // Interests carry over (utility on the new agenda, with the added issues at 0), but no round yet.
        long onlyBuyer = seq(buyer.acked(buyer.send("submitInterests", "interests",
                scenario.at("/interestsAfterAmendment/buyer"))));
        assertEquals(onlyBuyer, get("", "mediator").json().get("seq").asLong(), "one resubmission computes nothing");
        long round2 = seq(seller.acked(seller.send("submitInterests", "interests",
                scenario.at("/interestsAfterAmendment/seller"))));
        // Nobody re-entered a walk-away point (5000 and 3000 as in round 1): the round shows a package both
        // accept, publicly or as one party's safe offer, whatever the bands' cut.
        JsonNode second = buyer.eventAt(round2).get("data");
        assertEquals(2, second.get("round").asInt());
        JsonNode forSeller = seller.eventAt(round2).get("data");
        for (JsonNode p : second.get("packages")) {
            assertEquals(4, p.get("package").size(), p.toString());
            assertTrue(p.at("/package/price").asInt() <= 5000, "within the buyer's cap: " + p);
            assertTrue(p.get("utility").asInt() >= 5000, "above the buyer's floor: " + p);
        }
        long agreedAt;
        if (!second.get("packages").isEmpty()) {
            String ref = second.at("/packages/0/ref").asText();
            buyer.acked(buyer.send("accept", "ref", ref));
            agreedAt = seq(seller.acked(seller.send("accept", "ref", ref)));
        } else {
            boolean buyerHasOne = second.has("safeOffers");
            assertTrue(buyerHasOne || forSeller.has("safeOffers"), "with the pie expanded, a package both accept shows: "
                    + second + " / " + forSeller);
            RoomClient.Socket author = buyerHasOne ? buyer : seller;
            RoomClient.Socket other = buyerHasOne ? seller : buyer;
            JsonNode safe = (buyerHasOne ? second : forSeller).at("/safeOffers/0");
            long safeOffered = seq(author.acked(author.send("offer", "package", safe.get("package"))));
            agreedAt = seq(other.acked(other.send("accept", "ref", other.eventAt(safeOffered).at("/data/ref").asText())));
        }
        JsonNode agreement = buyer.eventAt(agreedAt - 1);
        assertEquals("AgreementReached", agreement.get("kind").asText(), "then the improvement round");
        assertTrue(agreement.at("/data/utility").asInt() >= 5000, "the buyer clears its walk-away point: " + agreement);
        assertTrue(agreement.at("/data/package/price").asInt() <= 5000, "within the buyer's cap: " + agreement);
        assertTrue(seller.eventAt(agreedAt - 1).at("/data/utility").asInt() >= 3000, "the seller clears its own");

        String markdown = get("/agreement?format=md", "seller").body();
        assertTrue(markdown.contains("On agenda version 2."), markdown);
        assertTrue(markdown.contains("| After-sales support |"), markdown);
        assertEquals(2, get("/analysis", "mediator").json().get("rounds").asInt());
        ChainVerifier.Verification verified = verify(get("/export", "seller").body());
        assertTrue(verified.intact(), verified.reason());
        assertEquals(agreedAt, verified.verified());
        assertTrue(offered < proposedAt);
    }

    /**
     * A caucus note's text reaches its author, its addressee and mediators; the others get the
     * event without it (seq stays gapless), and the chain covers the text through its commitment.
     */
    @Test
    void caucusNotesAreCommittedToButShownOnlyToThoseInTheCaucus() throws IOException {
        join("pos-system");
        long toBuyer = seq(mediator.acked(mediator.send("note", "text", "what would training be worth to you?",
                "to", "buyer")));
        long toMediator = seq(seller.acked(seller.send("note", "text", "we could stretch to 6 months", "to", "mediator")));
        assertEquals("what would training be worth to you?", buyer.eventAt(toBuyer).at("/data/text").asText());
        JsonNode sellerCopy = seller.eventAt(toBuyer);
        assertEquals("mediator", sellerCopy.at("/data/party").asText());
        assertEquals("buyer", sellerCopy.at("/data/to").asText());
        assertFalse(sellerCopy.get("data").has("text"), sellerCopy.toString());
        assertFalse(sellerCopy.get("data").has("salt"), sellerCopy.toString());
        assertFalse(buyer.eventAt(toMediator).get("data").has("text"));
        assertEquals("we could stretch to 6 months", mediator.eventAt(toMediator).at("/data/text").asText());
        assertEquals(List.of(1L, 2L, 3L), seller.events().stream().map(e -> e.get("seq").asLong()).toList(),
                "every role's seq stays gapless");

        String mediatorExport = get("/export", "mediator").body();
        String sellerExport = get("/export", "seller").body();
        ChainVerifier.Verification v = verify(mediatorExport);
        assertTrue(v.intact(), v.reason());
        assertEquals(verify(sellerExport).head(), v.head(), "one chain, whoever exported it");
        String altered = mediatorExport.replace("we could stretch to 6 months", "we could stretch to 1 year");
        ChainVerifier.Verification broken = verify(altered);
        assertEquals(toMediator, broken.brokenAt());
        assertEquals("its caucus text does not match its commitment", broken.reason());
    }

    /** A mediator's suggestion: each party sees its own utility, the mediator those of unsealed parties; every party must accept. */
    @Test
    void aMediatorsSuggestionNeedsEveryPartyAndShowsEachItsOwnUtility() {
        join("pos-system");
        JsonNode scenario = Scenarios.json("pos-system");
        buyer.acked(buyer.send("submitInterests", "interests", scenario.at("/interests/buyer")));
        seller.acked(seller.send("submitInterests", "interests", scenario.at("/interests/seller")));
        buyer.acked(buyer.send("unseal"));
        Map<String, Object> pkg = Map.of("price", 5000, "support", "6 months", "training", "included", "payment", "upfront");
        long suggested = seq(mediator.acked(mediator.send("suggest", "package", pkg, "text", "a single text to work on")));
        JsonNode forBuyer = buyer.eventAt(suggested).get("data");
        assertEquals("m1", forBuyer.get("ref").asText());
        assertEquals(6375, forBuyer.get("utility").asInt()); // 45*75 + 25*60 + 15*100 + 15*0
        assertEquals(4310, seller.eventAt(suggested).at("/data/utility").asInt()); // 70*25 + 10*80 + 8*70 + 12*100
        JsonNode forMediator = mediator.eventAt(suggested).get("data");
        assertEquals(List.of("buyer"), names(forMediator.get("utilities")), "only the unsealed party's utility");
        assertEquals("forbidden", mediator.answer(mediator.send("accept", "ref", "m1")).get("code").asText());
        long one = seq(buyer.acked(buyer.send("accept", "ref", "m1")));
        assertEquals("Accepted", seller.eventAt(one).get("kind").asText());
        long both = seq(seller.acked(seller.send("accept", "ref", "m1")));
        assertEquals("AgreementReached", mediator.eventAt(both - 1).get("kind").asText(), "then the improvement round");
        assertEquals("suggestion by a mediator", get("/agreement", "buyer").json().get("rule").asText());

        // An amendment after the agreement: the agreement stands, and its document shows the agenda it was made on.
        mediator.acked(mediator.send("amend", "changes", List.of(Map.of("addIssue",
                Map.of("id", "warranty", "label", "Warranty", "options", List.of("1 year", "2 years"))))));
        buyer.acked(buyer.send("accept", "ref", "a1"));
        long amended = seq(seller.acked(seller.send("accept", "ref", "a1")));
        assertEquals("AgendaAmended", buyer.eventAt(amended).get("kind").asText());
        String markdown = get("/agreement?format=md", "buyer").body();
        assertTrue(markdown.contains("On agenda version 1."), markdown);
        assertFalse(markdown.contains("Warranty"), markdown);
        assertEquals("m1", get("/agreement", "seller").json().get("ref").asText());
    }

    /** Presence: right after the hello ack and on every change; never in the log. */
    @Test
    void presenceFollowsSocketsThatSaidHello() {
        room = client.openRoom("pos-system");
        buyer = client.connect(room, "buyer");
        seller = client.connect(room, "seller");
        mediator = client.connect(room, "mediator");
        String hello = buyer.send("hello", "after", 0);
        buyer.acked(hello);
        JsonNode first = presenceAfter(buyer, indexOfAnswer(buyer, hello));
        assertEquals("{\"buyer\":true,\"seller\":false}", first.get("parties").toString());
        assertEquals(0, first.get("mediators").asInt());
        assertEquals(List.of("type", "parties", "mediators"), names(first), "no token, address or anything else");

        int mark = buyer.frames.size();
        seller.acked(seller.send("hello", "after", 0));
        assertTrue(presenceAfter(buyer, mark).at("/parties/seller").asBoolean());
        mark = buyer.frames.size();
        mediator.acked(mediator.send("hello", "after", 0));
        assertEquals(1, presenceAfter(buyer, mark).get("mediators").asInt());
        mark = buyer.frames.size();
        seller.acked(seller.send("hello", "after", 0)); // a second hello on one socket counts once
        seller.close();
        JsonNode left = presenceAfter(buyer, mark);
        assertFalse(left.at("/parties/seller").asBoolean(), left.toString());
        assertEquals(1, get("", "mediator").json().get("seq").asLong(), "presence is never logged");
    }

    static int indexOfAnswer(RoomClient.Socket socket, String id) {
        List<JsonNode> messages = socket.messages();
        for (int i = 0; i < messages.size(); i++) {
            if (id.equals(messages.get(i).path("id").asText())) {
                return i;
            }
        }
        throw new AssertionError("no answer to " + id);
    }

    static JsonNode presenceAfter(RoomClient.Socket socket, int mark) {
        return socket.await(m -> "presence".equals(m.path("type").asText()), mark);
    }

    static ChainVerifier.Verification verify(String export) throws IOException {
        return ChainVerifier.verify(new BufferedReader(new StringReader(export)), event -> { });
    }

    static List<String> ids(JsonNode issues) {
        List<String> ids = new ArrayList<>();
        issues.forEach(issue -> ids.add(issue.get("id").asText()));
        return ids;
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
