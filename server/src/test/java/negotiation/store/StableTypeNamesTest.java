package negotiation.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import negotiation.Server;
import negotiation.events.RoomEvent;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events are stored under their stable names (their {@code KIND}), never a Java class name, so
 * renaming or moving an event class leaves the stored log readable; the golden log
 * ({@code GoldenLogTest}), stored under class names by an earlier build, shows the old rows still read.
 */
@ExtendWith(BlockedThreadWatch.class)
class StableTypeNamesTest {
    @TempDir
    Path data;

    @Test
    void eventsAreStoredUnderTheirKindAndReadBack() throws Exception {
        RoomClient.Room room;
        int served;
        try (Server server = Server.start(new Server.Settings(0, data, 2));
             RoomClient client = new RoomClient(server.port())) {
            room = client.openRoom("pos-system");
            RoomClient.Socket buyer = client.connect(room, "buyer");
            RoomClient.Socket seller = client.connect(room, "seller");
            buyer.acked(buyer.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/buyer")));
            seller.acked(seller.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/seller")));
            seller.acked(seller.send("note", "text", "stored under its kind"));
            served = client.get("/api/rooms/" + room.id() + "/events?after=0", room.token("mediator")).json().size();
        }
        Set<String> stored = new TreeSet<>();
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath().resolve("rooms"), "sa", "");
             ResultSet rows = db.createStatement().executeQuery("SELECT DISTINCT payloadType FROM DomainEventEntry")) {
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
        }
        Set<String> kinds = Arrays.stream(RoomEvent.class.getPermittedSubclasses()).map(RoomEvent::kindOf)
                .collect(Collectors.toSet());
        assertEquals(Set.of("RoomCreated", "InterestsSubmitted", "ProposalsComputed", "NoteAdded"), stored,
                "stored type names are the events' kinds, not class names");
        assertTrue(kinds.containsAll(stored));

        try (Server server = Server.start(new Server.Settings(0, data, 2));
             RoomClient client = new RoomClient(server.port())) {
            assertEquals(served, client.get("/api/rooms/" + room.id() + "/events?after=0", room.token("mediator"))
                    .json().size(), "read back after a restart");
        }
    }
}
