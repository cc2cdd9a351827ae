package negotiation.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory (events, party keys) is readable by the server's own user only: created so
 * whatever the umask, and narrowed at start when something left it open to others.
 */
@ExtendWith(BlockedThreadWatch.class)
class OwnerOnlyFilesTest {
    private static final Set<PosixFilePermission> OTHERS = PosixFilePermissions.fromString("---rwxrwx");

    @TempDir
    Path parent;

    @Test
    void everythingTheServerWritesIsOwnerOnly() throws Exception {
        Path data = parent.resolve("data");
        runARoom(data);
        assertTrue(Files.isRegularFile(data.resolve("rooms.mv.db")));
        assertTrue(Files.isDirectory(data.resolve("keys")));
        assertEquals(List.of(), openToOthers(data), "every directory 0700 and file 0600 under " + data);
    }

    @Test
    void theStartNarrowsWhatWasLeftOpen() throws Exception {
        Path data = parent.resolve("data");
        runARoom(data);
        List<Path> all = all(data);
        for (Path path : all) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-rw-r--"));
        }
        assertEquals(all, openToOthers(data));
        try (Server server = Server.start(new Server.Settings(0, data, 100))) {
            assertEquals(List.of(), openToOthers(data), "narrowed at start, before a room is read");
        }
        assertEquals(List.of(), openToOthers(data));
    }

    /** A room whose parties submitted interests: the H2 file, the key directories and key files exist. */
    private static void runARoom(Path data) throws Exception {
        try (Server server = Server.start(new Server.Settings(0, data, 2));
             RoomClient client = new RoomClient(server.port())) {
            RoomClient.Room room = client.openRoom("pos-system");
            RoomClient.Socket buyer = client.connect(room, "buyer");
            RoomClient.Socket seller = client.connect(room, "seller");
            buyer.acked(buyer.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/buyer")));
            seller.acked(seller.send("submitInterests", "interests", Scenarios.json("pos-system").at("/interests/seller")));
            seller.acked(seller.send("note", "to", "mediator", "text", "a caucus note"));
        }
    }

    private static List<Path> openToOthers(Path data) throws Exception {
        List<Path> open = new ArrayList<>();
        for (Path path : all(data)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            permissions.retainAll(OTHERS);
            if (!permissions.isEmpty()) {
                open.add(path);
            }
        }
        return open;
    }

    private static List<Path> all(Path data) throws Exception {
        try (var walk = Files.walk(data)) {
            return walk.sorted().toList();
        }
    }
}
