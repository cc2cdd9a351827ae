package negotiation.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.MessageFormat;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import negotiation.Json;
import negotiation.Server;
import negotiation.mediation.ChainVerifier;
import negotiation.room.RoomAggregate;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure end to end on the real server and its H2 file store: a party may erase
 * and submit again without breaking the room, a sealed event that cannot be opened reads as
 * erased instead of failing the room, and an erasure withdraws the party's consent to unseal.
 */
@ExtendWith(BlockedThreadWatch.class)
class ErasureTest {
    static final List<String> ROLES = List.of("buyer", "seller", "mediator");
    static final Logger SEALING_LOG = Logger.getLogger(SealingSerializer.class.getName());

    @TempDir
    Path data;

    @Test
    void submittingAgainAfterAnErasureKeepsTheRoomWorkingThroughAnAgreementARestartAndAnExport() throws Exception {
        RoomClient.Room room;
        List<String> unreadable = new CopyOnWriteArrayList<>();
        Handler capture = captureSealingLog(unreadable);
        try (Server server = start(); RoomClient client = new RoomClient(server.port())) {
            Submitted both = bothSubmitted(client);
            room = both.room();
            RoomClient.Socket buyer = both.buyer();
            RoomClient.Socket seller = both.seller();
            assertEquals(204, client.delete(privateData(room, "buyer"), room.token("buyer")).status());

            buyer.acked(buyer.send("submitInterests", "interests", interests("buyer")));
            seller.acked(seller.send("submitInterests", "interests", interests("seller")));
            seller.acked(seller.send("note", "text", "still here"));
            JsonNode round = seller.await(m -> "ProposalsComputed".equals(m.path("kind").asText())
                    && m.at("/data/round").asInt() == 2);
            String ref = round.at("/data/packages/0/ref").asText();
            buyer.acked(buyer.send("accept", "ref", ref));
            long agreed = seller.acked(seller.send("accept", "ref", ref)).get("seq").asLong();
            assertEquals("AgreementReached", seller.eventAt(agreed - 1).get("kind").asText(), "then the improvement round");
        }
        try (Server server = start(); RoomClient client = new RoomClient(server.port())) {
            String head = client.get(base(room), room.token("mediator")).json().get("head").asText();
            for (String role : ROLES) {
                HttpAnswer events = client.get(base(room) + "/events?after=0", room.token(role));
                assertEquals(200, events.status(), role + " reads the log after a restart: " + events.body());
                assertTrue(events.json().get(1).at("/data/erased").asBoolean(), "the erased submission, for " + role);
                HttpAnswer export = client.get(base(room) + "/export", room.token(role));
                assertEquals(200, export.status(), export.body());
                ChainVerifier.Verification verified = verify(export.body());
                assertTrue(verified.intact(), role + "'s export: " + verified.reason());
                assertEquals(head, verified.head(), role + "'s export ends at the server's head");
            }
            assertEquals(5500, client.get(base(room), room.token("buyer")).json().at("/interests/floor").asInt(),
                    "the buyer's new submission reads back with its new key");
        } finally {
            SEALING_LOG.removeHandler(capture);
        }
        assertEquals(List.of(), unreadable, "the erased data is gone with its key, not left undecryptable under a new one");
    }

    @Test
    void dataSealedBeforeKeyGenerationsReadsAndErasesAsGenerationZero() throws Exception {
        RoomClient.Room room;
        try (Server server = start(); RoomClient client = new RoomClient(server.port())) {
            room = client.openRoom("pos-system");
            RoomClient.Socket buyer = join(client, room, "buyer");
            buyer.acked(buyer.send("submitInterests", "interests", interests("buyer")));
        }
        // Turned into the layout of builds before generations: the key at <party>.key, sealed values without a number.
        Path keys = data.resolve("keys").resolve(room.id());
        Files.move(keys.resolve("buyer.1.key"), keys.resolve("buyer.key"));
        rewritePayload(data, room.id(), 2, payload -> {
            for (String field : List.of("interests", "salt")) {
                assertEquals(1, ((ObjectNode) payload.get(field)).remove("generation").asInt());
            }
            return payload;
        });
        try (Server server = start(); RoomClient client = new RoomClient(server.port())) {
            assertEquals(5500, client.get(base(room), room.token("buyer")).json().at("/interests/floor").asInt(),
                    "read with the legacy key");
            RoomClient.Socket buyer = join(client, room, "buyer");
            buyer.acked(buyer.send("note", "text", "a command replays the legacy event too"));
            assertEquals(204, client.delete(privateData(room, "buyer"), room.token("buyer")).status());
            assertFalse(Files.exists(keys.resolve("buyer.key")), "the legacy key is destroyed");
            ObjectNode again = interests("buyer");
            again.put("floor", 5151);
            buyer.acked(buyer.send("submitInterests", "interests", again));
            JsonNode events = client.get(base(room) + "/events?after=0", room.token("buyer")).json();
            assertTrue(events.get(1).at("/data/erased").asBoolean(), "the legacy submission is erased");
            assertEquals(5151, events.get(4).at("/data/interests/floor").asInt(), "the new one reads");
        }
        assertTrue(Files.exists(keys.resolve("buyer.0.erased")) && Files.exists(keys.resolve("buyer.1.key")),
                "generation 0 is marked erased and the next key is generation 1");
    }

    @Test
    void aSealedEventThatCannotBeOpenedReadsAsErasedAndTheRoomGoesOn() throws Exception {
        RoomClient.Room room;
        try (Server server = start(); RoomClient client = new RoomClient(server.port())) {
            room = bothSubmitted(client).room();
        }
        // One bit of the seller's sealed interests flipped on disk: AES-GCM refuses it.
        rewritePayload(data, room.id(), 3, payload -> {
            ObjectNode sealed = (ObjectNode) payload.get("interests");
            byte[] bytes = Base64.getDecoder().decode(sealed.get("sealed").asText());
            bytes[bytes.length - 1] ^= 1;
            sealed.put("sealed", Base64.getEncoder().encodeToString(bytes));
            return payload;
        });

        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = captureSealingLog(lines);
        try (Server server = start(); RoomClient client = new RoomClient(server.port())) {
            for (String role : ROLES) {
                HttpAnswer events = client.get(base(room) + "/events?after=0", room.token(role));
                assertEquals(200, events.status(), events.body());
                assertTrue(events.json().get(2).at("/data/erased").asBoolean(), "the unreadable event, for " + role);
                assertFalse(events.json().get(2).at("/data").has("interests"));
            }
            RoomClient.Socket buyer = join(client, room, "buyer");
            RoomClient.Socket seller = join(client, room, "seller");
            seller.acked(seller.send("note", "text", "the room works"));
            seller.acked(seller.send("submitInterests", "interests", interests("seller")));
            buyer.acked(buyer.send("submitInterests", "interests", interests("buyer")));
            seller.await(m -> "ProposalsComputed".equals(m.path("kind").asText()) && m.at("/data/round").asInt() == 2);
            assertEquals(2500, client.get(base(room), room.token("seller")).json().at("/interests/floor").asInt());
            assertEquals(200, client.get(base(room) + "/events?after=0", room.token("seller")).status());
        } finally {
            SEALING_LOG.removeHandler(capture);
        }
        assertEquals(1, lines.size(), "one log line for the one unreadable event, however often it is read: " + lines);
        String line = lines.get(0);
        assertTrue(line.contains(room.id()) && line.contains("seller"), line);
        for (String role : ROLES) {
            assertFalse(line.contains(room.token(role)), "no token in the log");
        }
        assertFalse(line.contains("2500") || line.contains("weights"), "no private data in the log: " + line);
    }

    @Test
    void anErasureWithdrawsConsentToUnsealUntilThePartyUnsealsAgain() throws Exception {
        try (Server server = start(); RoomClient client = new RoomClient(server.port())) {
            RoomClient.Room room = client.openRoom("pos-system");
            RoomClient.Socket buyer = join(client, room, "buyer");
            buyer.acked(buyer.send("submitInterests", "interests", interests("buyer")));
            buyer.acked(buyer.send("unseal"));
            JsonNode before = client.get(base(room), room.token("mediator")).json();
            assertEquals(5500, before.at("/interests/buyer/floor").asInt(), "unsealed: the mediator sees them");

            assertEquals(204, client.delete(privateData(room, "buyer"), room.token("buyer")).status());
            ObjectNode sentinel = interests("buyer");
            sentinel.put("floor", 5151).put("aspiration", 8181);
            buyer.acked(buyer.send("submitInterests", "interests", sentinel));

            JsonNode view = client.get(base(room), room.token("mediator")).json();
            assertFalse(view.at("/parties/0/unsealed").asBoolean(), "the erasure withdrew the unseal: " + view);
            HttpAnswer events = client.get(base(room) + "/events?after=0", room.token("mediator"));
            // as JSON members: bare digits also turn up in timestamps and hashes
            assertFalse(view.toString().contains("\"floor\":5151") || events.body().contains("\"floor\":5151")
                            || events.body().contains("\"aspiration\":8181"),
                    "interests submitted after the erasure stay sealed from mediators: " + events.body());
            RoomClient.Socket mediator = join(client, room, "mediator");
            assertFalse(String.join("", mediator.frames).contains("\"floor\":5151"), "nor on the socket");

            buyer.acked(buyer.send("unseal"));
            JsonNode unsealed = client.get(base(room), room.token("mediator")).json();
            assertEquals(5151, unsealed.at("/interests/buyer/floor").asInt(), "unsealed again: " + unsealed);
            assertTrue(unsealed.at("/parties/0/unsealed").asBoolean());
            JsonNode second = client.get(base(room) + "/events?after=0", room.token("mediator")).json();
            assertTrue(second.get(1).at("/data/erased").asBoolean(), "the erased submission stays erased");
            assertEquals(5151, second.get(4).at("/data/interests/floor").asInt(), second.get(4).toString());
        }
    }

    @Test
    void aSnapshotFromBeforeThePolicyDoesNotKeepAnErasedPartyUnsealed() throws Exception {
        RoomClient.Room room;
        try (Server server = Server.start(new Server.Settings(0, data, 2)); RoomClient client = new RoomClient(server.port())) {
            room = client.openRoom("pos-system");
            RoomClient.Socket buyer = join(client, room, "buyer");
            buyer.acked(buyer.send("submitInterests", "interests", interests("buyer")));
            buyer.acked(buyer.send("unseal"));
            assertEquals(204, client.delete(privateData(room, "buyer"), room.token("buyer")).status());
            for (int i = 0; i < 4; i++) {
                buyer.acked(buyer.send("note", "text", "note " + i)); // snapshots are taken in the background
            }
        }
        // Snapshots written by builds before this policy kept an erased party in "unsealed", and had no revision.
        String url = "jdbc:h2:file:" + data.toAbsolutePath().resolve("rooms");
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             PreparedStatement select = connection.prepareStatement(
                     "SELECT sequenceNumber, payload, payloadRevision FROM SnapshotEventEntry WHERE aggregateIdentifier = ?")) {
            select.setString(1, room.id());
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "a snapshot was taken");
                assertEquals(RoomAggregate.class.getAnnotation(Revision.class).value(), row.getString(3), "snapshots name the aggregate's revision, which the store accepts");
                ObjectNode snapshot = (ObjectNode) Json.MAPPER.readTree(row.getBytes(2));
                snapshot.withArray("unsealed").add("buyer");
                try (PreparedStatement update = connection.prepareStatement("UPDATE SnapshotEventEntry "
                        + "SET payload = ?, payloadRevision = NULL WHERE aggregateIdentifier = ? AND sequenceNumber = ?")) {
                    update.setBytes(1, snapshot.toString().getBytes(StandardCharsets.UTF_8));
                    update.setString(2, room.id());
                    update.setLong(3, row.getLong(1));
                    assertEquals(1, update.executeUpdate());
                }
            }
        }
        try (Server server = start(); RoomClient client = new RoomClient(server.port())) {
            RoomClient.Socket buyer = join(client, room, "buyer");
            buyer.acked(buyer.send("unseal"));
        }
    }

    @Test
    void everyRoleSeesTheErasedSubmissionMarked() throws Exception {
        try (Server server = start(); RoomClient client = new RoomClient(server.port())) {
            RoomClient.Room room = bothSubmitted(client).room();
            assertEquals(204, client.delete(privateData(room, "buyer"), room.token("buyer")).status());
            for (String role : ROLES) {
                JsonNode events = client.get(base(room) + "/events?after=0", room.token(role)).json();
                assertTrue(events.get(1).at("/data/erased").asBoolean(), role + " sees the erasure: " + events.get(1));
                assertFalse(events.get(2).at("/data").has("erased"), "the seller's submission is not erased");
                RoomClient.Socket socket = join(client, room, role);
                assertTrue(socket.eventAt(2).at("/data/erased").asBoolean(), role + " on the socket");
            }
        }
    }

    private Server start() throws Exception {
        // No snapshots: every command replays the whole log, so every stored event is read again.
        return Server.start(new Server.Settings(0, data, 1000));
    }

    /** Collects the store's log lines about sealed data, formatted; remove the handler from SEALING_LOG after. */
    static Handler captureSealingLog(List<String> lines) {
        return captureLog(SEALING_LOG, lines);
    }

    /** Collects a logger's lines, formatted; remove the handler from that logger after. */
    static Handler captureLog(Logger logger, List<String> lines) {
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(MessageFormat.format(record.getMessage(),
                        record.getParameters() == null ? new Object[0] : record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        return capture;
    }

    /** A new room in which buyer and seller have submitted their interests (round 1 is computed). */
    record Submitted(RoomClient.Room room, RoomClient.Socket buyer, RoomClient.Socket seller) {
    }

    static Submitted bothSubmitted(RoomClient client) {
        RoomClient.Room room = client.openRoom("pos-system");
        RoomClient.Socket buyer = join(client, room, "buyer");
        RoomClient.Socket seller = join(client, room, "seller");
        buyer.acked(buyer.send("submitInterests", "interests", interests("buyer")));
        seller.acked(seller.send("submitInterests", "interests", interests("seller")));
        return new Submitted(room, buyer, seller);
    }

    /** A socket of that role that has said hello, so it receives the log and then every new event. */
    static RoomClient.Socket join(RoomClient client, RoomClient.Room room, String role) {
        RoomClient.Socket socket = client.connect(room, role);
        socket.acked(socket.send("hello", "after", 0));
        return socket;
    }

    static ObjectNode interests(String party) {
        return Scenarios.json("pos-system").at("/interests/" + party).deepCopy();
    }

    static String base(RoomClient.Room room) {
        return "/api/rooms/" + room.id();
    }

    static String privateData(RoomClient.Room room, String party) {
        return base(room) + "/parties/" + party + "/private";
    }

    static ChainVerifier.Verification verify(String export) throws IOException {
        return ChainVerifier.verify(new BufferedReader(new StringReader(export)), event -> { });
    }

    /** Rewrites one stored event's JSON payload in the stopped server's H2 file, behind the store's back. */
    static void rewritePayload(Path data, String roomId, long seq, UnaryOperator<ObjectNode> change)
            throws SQLException, IOException {
        rewriteStored(data, roomId, seq, "payload", change);
    }

    /** Rewrites one JSON column (payload or metaData) of a stored event in the stopped server's H2 file. */
    static void rewriteStored(Path data, String roomId, long seq, String column, UnaryOperator<ObjectNode> change)
            throws SQLException, IOException {
        String url = "jdbc:h2:file:" + data.toAbsolutePath().resolve("rooms");
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             PreparedStatement select = connection.prepareStatement(
                     "SELECT " + column + " FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = ?")) {
            select.setString(1, roomId);
            select.setLong(2, seq - 1);
            byte[] stored;
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "event " + seq + " is stored");
                stored = row.getBytes(1);
            }
            ObjectNode changed = change.apply((ObjectNode) Json.MAPPER.readTree(stored));
            try (PreparedStatement update = connection.prepareStatement("UPDATE DomainEventEntry SET " + column
                    + " = ? WHERE aggregateIdentifier = ? AND sequenceNumber = ?")) {
                update.setBytes(1, changed.toString().getBytes(StandardCharsets.UTF_8));
                update.setString(2, roomId);
                update.setLong(3, seq - 1);
                assertEquals(1, update.executeUpdate());
            }
        }
    }
}
