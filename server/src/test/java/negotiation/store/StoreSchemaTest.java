package negotiation.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import negotiation.Json;
import negotiation.Server;
import negotiation.commands.AddNote;
import negotiation.commands.CreateRoom;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.DataDirectories;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import negotiation.support.ThrowawayPostgres;
import negotiation.web.Limits;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's schema is Flyway's: a fresh H2 directory and a fresh PostgreSQL database get it
 * from the migrations, once; a data directory written by the server before Flyway (committed
 * under src/test/resources/store/h2-before-flyway, see its README) is baselined, not
 * recreated, and opens and reads as it did.
 */
@ExtendWith(BlockedThreadWatch.class)
class StoreSchemaTest {
    private static final Path BEFORE_FLYWAY = Path.of("src/test/resources/store/h2-before-flyway");
    private static final java.time.Instant AT = java.time.Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path data;

    @Test
    void anEventNumberingLeftBehindItsRowsIsMovedPastThemAtOpen() throws Exception {
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            store.send(new CreateRoom("room", "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
            for (int i = 0; i < 9; i++) {
                store.send(new AddNote("room", "anna", "note " + i, AT), null);
            }
        }
        // What H2 2.5 left in some kill -9 runs: the identity handing out values already stored.
        try (Connection h2 = h2(data); Statement statement = h2.createStatement()) {
            statement.execute("ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex RESTART WITH 1");
        }
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            assertEquals(11, store.send(new AddNote("room", "anna", "after the crash", AT), null));
            assertEquals(11, store.read("room", 0).size());
        }
    }

    @Test
    void aFreshH2DirectoryGetsTheSchemaFromTheMigrationsOnce() throws Exception {
        for (int start = 0; start < 2; start++) {
            try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
                if (start == 0) {
                    store.send(new CreateRoom("room", "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
                }
                store.send(new AddNote("room", "anna", "start " + start, AT), null);
                assertEquals(2 + start, store.read("room", 0).size());
            }
        }
        try (Connection h2 = h2(data)) {
            assertEquals(List.of("1 SQL rooms true"), history(h2), "V1 ran once, on the first start");
        }
    }

    @Test
    void aFreshPostgresDatabaseGetsTheSchemaFromTheMigrationsOnce() throws Exception {
        var database = ThrowawayPostgres.database();
        Assumptions.assumeTrue(database.isPresent(), "PostgreSQL is not installed here (.ci/run installs it)");
        Database.Postgres postgres = database.get();
        for (int start = 0; start < 2; start++) {
            try (AxonRoomStore store = AxonRoomStore.open(postgres, 100)) {
                if (start == 0) {
                    store.send(new CreateRoom("room", "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
                }
                assertEquals(1, store.read("room", 0).size());
            }
        }
        try (Connection connection = DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password())) {
            assertEquals(List.of("1 SQL rooms true", "2 SQL party keys from before generations true"),
                    history(connection));
        }
    }

    @Test
    void aDataDirectoryWrittenBeforeFlywayIsBaselinedAndReadsAsBefore() throws Exception {
        DataDirectories.copy(BEFORE_FLYWAY.resolve("data"), data);
        JsonNode expected = Json.MAPPER.readTree(BEFORE_FLYWAY.resolve("expected.json").toFile());
        String room = "/api/rooms/" + expected.get("roomId").asText();
        JsonNode invites = expected.get("invites");
        try (Server server = Server.start(new Server.Settings(0, data, 100, Limits.DEFAULTS));
             RoomClient client = new RoomClient(server.port())) {
            assertReadsAsBefore(expected.get("mediatorView"), client.get(room, invites.get("mediator").asText()).json(),
                    "mediator");
            // the buyer's own interests are in its view: they still open with its key file
            assertReadsAsBefore(expected.get("buyerView"), client.get(room, invites.get("buyer").asText()).json(), "buyer");
        }
        try (Connection h2 = h2(data)) {
            assertEquals(List.of("1 BASELINE tables created before Flyway true"), history(h2));
        }
    }

    /**
     * Everything the old server answered is still there, equal; members added to the view since
     * (later features, such as yardsticks) are allowed. The golden log (GoldenLogTest) is the
     * exact check of views; this one is about the store opening old data.
     */
    private static void assertReadsAsBefore(JsonNode before, JsonNode now, String where) {
        if (before.isObject()) {
            before.fieldNames().forEachRemaining(name -> {
                assertTrue(now.has(name), where + "." + name + " is gone");
                assertReadsAsBefore(before.get(name), now.get(name), where + "." + name);
            });
        } else if (before.isArray()) {
            assertEquals(before.size(), now.size(), where + " has another length");
            for (int i = 0; i < before.size(); i++) {
                assertReadsAsBefore(before.get(i), now.get(i), where + "[" + i + "]");
            }
        } else {
            assertEquals(before, now, where);
        }
    }

    /** Flyway's history, one line per version: version, type, description, success (not its marker rows). */
    private static List<String> history(Connection connection) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT \"version\", \"type\", \"description\", \"success\" "
                     + "FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (row.next()) {
                rows.add(row.getString(1) + " " + row.getString(2) + " " + row.getString(3) + " " + row.getBoolean(4));
            }
        }
        return rows;
    }

    private static Connection h2(Path dataDirectory) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("rooms"), "sa", "");
    }
}
