package negotiation.mediation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import negotiation.Json;
import negotiation.Server;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;

/**
 * The point-of-sale session a mediator reviews at the desk, played over real WebSockets against a
 * real server, with display names "Buyer Co" and "Seller Ltd": interests; the seller opens (o1),
 * the buyer rejects it with a reason and answers (o2); a caucus note to the mediator; the seller's
 * trade t1 on o2, rejected; a caucus note to the seller; the mediator's suggestion m1, rejected;
 * an amendment adding a go-live date (a1) accepted; the buyer's new interests weigh it; the seller's offer o3 with a
 * contingent term; both parties unseal; the buyer accepts o3 (the first agreement), then both
 * accept the room's improvement i1, which replaces it.
 */
public final class DeskSession implements AutoCloseable {
    public static final String TERM_IF = "the boutique's staff changes in the first year";
    public static final String TERM_THEN = "the seller gives refresher training at no cost";
    public static final Map<String, Object> O3 = Map.of("price", 4900, "support", "none", "training", "included",
            "payment", "3 instalments over 6 months", "golive", "1 April");

    final Server server;
    final RoomClient client;
    public final String roomId;
    final JsonNode invites;

    private DeskSession(Server server, RoomClient client, String roomId, JsonNode invites) {
        this.server = server;
        this.client = client;
        this.roomId = roomId;
        this.invites = invites;
    }

    /** A room with the scenario's agenda and the parties' display names, nothing else yet. */
    public static DeskSession open(Path data) throws Exception {
        Server server = Server.start(new Server.Settings(0, data, 100));
        RoomClient client = new RoomClient(server.port());
        ObjectNode agenda = (ObjectNode) Json.MAPPER.readTree(Scenarios.text("pos-system"));
        agenda.remove("interests");
        agenda.set("names", Json.MAPPER.valueToTree(Map.of("buyer", "Buyer Co", "seller", "Seller Ltd")));
        HttpAnswer created = client.post("/api/rooms", Json.MAPPER.writeValueAsString(agenda));
        assertEquals(201, created.status(), created.body());
        return new DeskSession(server, client, created.json().get("roomId").asText(), created.json().get("invites"));
    }

    public String token(String role) {
        return invites.get(role).asText();
    }

    public RoomClient.Socket join(String role) {
        RoomClient.Socket socket = client.connect(roomId, token(role));
        socket.acked(socket.send("hello", "after", 0));
        return socket;
    }

    /** Plays the session up to the first agreement, on o3 (its improvement round holds i1). */
    public DeskSession toFirstAgreement() {
        try (Parties p = new Parties()) {
            JsonNode interests = Scenarios.json("pos-system").get("interests");
            p.buyer.acked(p.buyer.send("submitInterests", "interests", interests.get("buyer")));
            p.seller.acked(p.seller.send("submitInterests", "interests", interests.get("seller")));
            p.seller.acked(p.seller.send("offer", "package", PosSession.O1));
            p.buyer.acked(p.buyer.send("reject", "ref", "o1", "reason", "far above our budget"));
            p.buyer.acked(p.buyer.send("offer", "package", PosSession.O2));
            p.buyer.acked(p.buyer.send("note", "text", "We could stretch a little if training is in.", "to", "mediator"));
            p.seller.acked(p.seller.send("trade", "on", "o2", "give", Map.of("payment", "3 instalments over 6 months"),
                    "get", Map.of("price", 5300)));
            p.buyer.acked(p.buyer.send("reject", "ref", "t1", "reason", "5300 is above our cap"));
            p.mediator.acked(p.mediator.send("note", "text", "Is support negotiable for you?", "to", "seller"));
            p.mediator.acked(p.mediator.send("suggest", "package", Map.of("price", 5200, "support", "6 months",
                    "training", "included", "payment", "upfront"), "text", "Meet in the middle on price."));
            p.seller.acked(p.seller.send("reject", "ref", "m1", "reason", "support costs us too much"));
            p.seller.acked(p.seller.send("amend", "changes", List.of(Map.of("addIssue", Map.of("id", "golive",
                    "label", "Go-live date", "options", List.of("1 April", "1 March")))), "reason", "we need a date"));
            p.buyer.acked(p.buyer.send("accept", "ref", "a1"));
            p.buyer.acked(p.buyer.send("submitInterests", "interests", Json.MAPPER.valueToTree(Map.of(
                    "weights", Map.of("price", 40, "support", 20, "training", 15, "payment", 10, "golive", 15),
                    "values", Map.of("price", "low", "support", Map.of("none", 0, "6 months", 60, "1 year", 100),
                            "training", Map.of("not included", 0, "included", 100),
                            "payment", Map.of("upfront", 0, "3 instalments over 6 months", 100),
                            "golive", Map.of("1 April", 0, "1 March", 100)),
                    "limits", Map.of("price", Map.of("max", 5000)), "floor", 5000, "aspiration", 8500))));
            p.seller.acked(p.seller.send("offer", "package", O3, "terms", List.of(Map.of("if", TERM_IF, "then", TERM_THEN))));
            p.buyer.acked(p.buyer.send("unseal"));
            p.seller.acked(p.seller.send("unseal"));
            p.buyer.acked(p.buyer.send("accept", "ref", "o3"));
        }
        return this;
    }

    /** Both parties accept the improvement that followed the first agreement. */
    public DeskSession acceptImprovement() {
        try (Parties p = new Parties()) {
            p.buyer.acked(p.buyer.send("accept", "ref", "i1"));
            p.seller.acked(p.seller.send("accept", "ref", "i1"));
        }
        return this;
    }

    /** The three sockets of one stretch of the session. */
    private final class Parties implements AutoCloseable {
        final RoomClient.Socket buyer = join("buyer");
        final RoomClient.Socket seller = join("seller");
        final RoomClient.Socket mediator = join("mediator");

        @Override
        public void close() {
            buyer.close();
            seller.close();
            mediator.close();
        }
    }

    public HttpAnswer get(String path, String role) {
        return client.get("/api/rooms/" + roomId + path, token(role));
    }

    /** The export a role downloads, as text. */
    public String export(String role) {
        HttpAnswer answer = get("/export", role);
        assertEquals(200, answer.status(), answer.body());
        return answer.body();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.close();
    }
}
