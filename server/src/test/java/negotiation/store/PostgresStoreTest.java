package negotiation.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import negotiation.Server;
import negotiation.commands.AddNote;
import negotiation.commands.CreateRoom;
import negotiation.events.NoteAdded;
import negotiation.readmodel.RoomLog;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import negotiation.support.ThrowawayPostgres;
import negotiation.web.Limits;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The same store and end-to-end behaviour on a real PostgreSQL as on H2. */
@ExtendWith(BlockedThreadWatch.class)
class PostgresStoreTest {
    static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path data;

    static Database.Postgres postgres() {
        var database = ThrowawayPostgres.database();
        Assumptions.assumeTrue(database.isPresent(), "PostgreSQL is not installed here (.ci/run installs it)");
        return database.get();
    }

    @Test
    void schemaIsCreatedOnFirstStartAndRacingAppendsAreConflicts() {
        Database.Postgres database = postgres();
        try (AxonRoomStore store = AxonRoomStore.open(database, 100)) {
            store.send(new CreateRoom("room", "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
            store.send(new AddNote("room", "anna", "first", AT), null);
            var duplicate = new GenericDomainEventMessage<>("RoomAggregate", "room", 1, new NoteAdded("room", "beth", "x", AT));
            assertThrows(ConcurrencyException.class, () -> store.storage().appendEvents(duplicate));
            assertEquals(2, store.read("room", 0).size());
        }
        try (AxonRoomStore again = AxonRoomStore.open(database, 100)) {
            assertEquals(2, again.read("room", 0).size(), "a second start finds the schema and the events");
            assertEquals(List.of(new RoomLog.RoomSize("room", 2)),
                    again.recentlyAppended(10, 100), "what a start warms, found by the same query as on H2");
        }
    }

    @Test
    void aWholeNegotiationWithSealedInterestsAndErasureOnPostgres() throws Exception {
        Database.Postgres database = postgres();
        Server.Settings settings = new Server.Settings(0, data, 3, Limits.DEFAULTS, database, null);
        try (Server server = Server.start(settings); RoomClient client = new RoomClient(server.port())) {
            JsonNode room = client.post("/api/rooms", Scenarios.text("pos-system")).json();
            String roomId = room.get("roomId").asText();
            JsonNode invites = room.get("invites");
            RoomClient.Socket buyer = client.connect(roomId, invites.get("buyer").asText());
            RoomClient.Socket seller = client.connect(roomId, invites.get("seller").asText());
            buyer.acked(buyer.send("hello", "after", 0));
            buyer.acked(buyer.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/buyer")));
            seller.acked(seller.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/seller")));
            String ref = buyer.event("ProposalsComputed").at("/data/packages/0/ref").asText();
            buyer.acked(buyer.send("accept", "ref", ref));
            long agreed = seller.acked(seller.send("accept", "ref", ref)).get("seq").asLong();
            assertEquals("AgreementReached", buyer.eventAt(agreed - 1).get("kind").asText(), "then the improvement round");

            try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                 ResultSet rows = connection.createStatement().executeQuery(
                         "SELECT payload FROM domainevententry WHERE payloadtype LIKE '%InterestsSubmitted'")) {
                while (rows.next()) {
                    String payload = new String(rows.getBytes(1), java.nio.charset.StandardCharsets.UTF_8);
                    assertTrue(payload.contains("\"sealed\""), payload);
                    assertFalse(payload.contains("\"weights\""), "interests in clear in PostgreSQL: " + payload);
                }
            }
            assertEquals(204, client.delete("/api/rooms/" + roomId + "/parties/buyer/private",
                    invites.get("buyer").asText()).status());
            JsonNode view = client.get("/api/rooms/" + roomId, invites.get("buyer").asText()).json();
            assertTrue(view.get("interests").isNull());
            assertTrue(view.get("agreement").has("ref"), "the public log is whole");
        }
    }
}
