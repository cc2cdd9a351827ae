package negotiation.mediation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import negotiation.Server;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;

/**
 * The point-of-sale negotiation these tests review, played over real WebSockets against a
 * real server: the seller opens high (o1), the buyer answers (o2), the seller trades on o2
 * (t1), the buyer rejects o1 and accepts t1; a mediator adds a note; both parties unseal.
 */
public final class PosSession implements AutoCloseable {
    static final Map<String, Object> O1 = Map.of("price", 5400, "support", "none", "training", "not included",
            "payment", "upfront");
    static final Map<String, Object> O2 = Map.of("price", 4900, "support", "1 year", "training", "included",
            "payment", "upfront");
    static final long AGREEMENT_SEQ = 11;
    /** The improvement round that follows every agreement, in the same command. */
    static final long IMPROVEMENT_ROUND_SEQ = 12;

    final Server server;
    final RoomClient client;
    public final String roomId;
    final JsonNode invites;

    private PosSession(Server server, RoomClient client, String roomId, JsonNode invites) {
        this.server = server;
        this.client = client;
        this.roomId = roomId;
        this.invites = invites;
    }

    /** A room with the scenario's agenda and nothing else yet. */
    public static PosSession open(Path data) throws Exception {
        Server server = Server.start(new Server.Settings(0, data, 100));
        RoomClient client = new RoomClient(server.port());
        HttpAnswer created = client.post("/api/rooms", Scenarios.text("pos-system"));
        assertEquals(201, created.status(), created.body());
        return new PosSession(server, client, created.json().get("roomId").asText(), created.json().get("invites"));
    }

    public String token(String role) {
        return invites.get(role).asText();
    }

    RoomClient.Socket join(String role) {
        RoomClient.Socket socket = client.connect(roomId, token(role));
        socket.acked(socket.send("hello", "after", 0));
        return socket;
    }

    /** Plays the session up to the agreement (seq 11); unseals both parties when asked. */
    public PosSession negotiate(boolean unseal) {
        RoomClient.Socket buyer = join("buyer");
        RoomClient.Socket seller = join("seller");
        RoomClient.Socket mediator = join("mediator");
        buyer.acked(buyer.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/buyer")));
        seller.acked(seller.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/seller")));
        seller.acked(seller.send("offer", "package", O1));
        buyer.acked(buyer.send("offer", "package", O2));
        seller.acked(seller.send("trade", "on", "o2", "give", Map.of("payment", "3 instalments over 6 months"),
                "get", Map.of("price", 5000),
                "terms", List.of(Map.of("if", "uptime below 99.5% in a month", "then", "10% service credit"))));
        buyer.acked(buyer.send("reject", "ref", "o1", "reason", "too expensive"));
        mediator.acked(mediator.send("note", "text", "Both sides moved on price."));
        long agreed = buyer.acked(buyer.send("accept", "ref", "t1")).get("seq").asLong();
        assertEquals(IMPROVEMENT_ROUND_SEQ, agreed, "the session's seqs as the tests expect them");
        if (unseal) {
            buyer.acked(buyer.send("unseal"));
            seller.acked(seller.send("unseal"));
        }
        buyer.close();
        seller.close();
        mediator.close();
        return this;
    }

    public HttpAnswer get(String path, String role) {
        return client.get("/api/rooms/" + roomId + path, token(role));
    }

    /** The export a role downloads, as text. */
    String export(String role) {
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
