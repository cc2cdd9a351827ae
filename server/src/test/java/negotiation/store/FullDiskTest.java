package negotiation.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import negotiation.Main;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import negotiation.support.SmallFileSystem;
import negotiation.web.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on a real small file system (tmpfs) that fills up: commands are refused as
 * {@code unavailable} with nothing appended and the socket open, readiness says why and comes
 * back by itself once space is freed, the log names the root cause once, a metric counts the
 * failures by cause; a start on the full disk ends with one paragraph and exit code 3, and a
 * start on the enlarged disk finds every acknowledged note.
 */
@ExtendWith(BlockedThreadWatch.class)
class FullDiskTest {
    static final String UNAVAILABLE =
            "the server cannot store events right now (storage full); nothing was recorded; try again later";
    /** Big enough that a few hundred fill a few MB, small enough for a frame. */
    static final String PADDING = "x".repeat(3_000);

    @TempDir
    Path temp;

    @Test
    void aFullDiskRefusesCommandsAsUnavailableAndTheServerComesBackWhenSpaceIsFreed() throws Exception {
        List<LogRecord> log = new CopyOnWriteArrayList<>();
        Handler capture = capture(log);
        // No free space kept: the writes go on until the kernel refuses one, as when the disk fills
        // faster than the store checks its free space (StoreBoundTest: the space it keeps).
        Path data = temp.resolve("disk").resolve("data");
        try (SmallFileSystem disk = SmallFileSystem.mount(temp.resolve("disk"), 16);
             Server server = Server.start(new Server.Settings(0, data, 100, Limits.DEFAULTS,
                     new Database.H2(data, false, new StoreBound(StoreBound.NO_MAX, 0)), null));
             RoomClient client = new RoomClient(server.port())) {
            RoomClient.Room room = client.openRoom("pos-system");
            RoomClient.Socket buyer = client.connect(room, "buyer");
            buyer.acked(buyer.send("hello", "after", 0));
            List<String> acked = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                acked.add(note(buyer, "before " + i).text());
            }

            disk.fill();
            List<String> refused = new ArrayList<>();
            JsonNode firstRefusal = null;
            for (int i = 0; i < 3_000 && firstRefusal == null; i++) {
                Note note = note(buyer, "filling " + i);
                if (note.answer().path("type").asText().equals("ack")) {
                    acked.add(note.text());
                } else {
                    firstRefusal = note.answer();
                    refused.add(note.text());
                }
            }
            assertTrue(firstRefusal != null, "the full disk refused a command");
            assertEquals("unavailable", firstRefusal.path("code").asText(), firstRefusal.toString());
            assertEquals(UNAVAILABLE, firstRefusal.path("message").asText());
            for (int i = 0; i < 3; i++) {
                Note again = note(buyer, "while full " + i);
                assertEquals("unavailable", again.answer().path("code").asText(), again.answer().toString());
                refused.add(again.text());
            }
            assertFalse(buyer.isClosed(), "the socket stays open");

            HttpAnswer created = client.post("/api/rooms", Scenarios.text("pos-system"));
            assertEquals(503, created.status(), created.body());
            assertEquals("unavailable", created.errorCode());
            assertEquals(UNAVAILABLE, created.json().at("/error/message").asText());

            assertEquals(200, client.get("/health", null).status(), "live");
            HttpAnswer ready = client.get("/health/ready", null);
            assertEquals(503, ready.status(), ready.body());
            assertTrue(ready.json().path("reason").asText().contains("No space left on device"), ready.body());
            assertTrue(failures(client, "no_space") >= 1, "the metric counts the failure by cause");

            List<String> rootCause = messages(log, "No space left on device");
            assertEquals(1, rootCause.size(), "the root cause is logged once: " + rootCause);
            assertTrue(rootCause.get(0).contains(disk.path().resolve("data").toString()), rootCause.get(0));
            assertEquals(List.of(), messages(log, "JdbcException"), "no command failure logged by type");

            disk.free();
            HttpAnswer back = awaitReady(client);
            assertEquals(200, back.status(), back.body());
            assertEquals(1, messages(log, "writes again").size(), "the log says when writes work again");
            acked.add(acked(note(buyer, "after freeing")));

            Set<String> stored = notes(client, room);
            assertEquals(new TreeSet<>(acked), new TreeSet<>(stored), "every acknowledged note, and only those");
            for (String text : refused) {
                assertFalse(stored.contains(text), "a refused note was not recorded: " + text);
            }
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
    }

    @Test
    void readinessSeesTheDiskFillWhileTheServerWritesNothing() throws Exception {
        try (SmallFileSystem disk = SmallFileSystem.mount(temp.resolve("disk"), 16);
             Server server = Server.start(new Server.Settings(0, disk.path().resolve("data"), 100));
             RoomClient client = new RoomClient(server.port())) {
            assertEquals(200, client.get("/health/ready", null).status());

            disk.fill(); // by another process: the server writes nothing meanwhile
            HttpAnswer notReady = awaitStatus(client, 503);
            assertEquals(503, notReady.status(), notReady.body());
            String reason = notReady.json().path("reason").asText();
            assertTrue(reason.startsWith("the event store's file system is almost full: ") && reason.contains(
                    "free in the data directory " + disk.path().resolve("data")), reason);
            assertEquals(0, failures(client, "no_space"), "readiness said so before any write failed");
            assertEquals(200, client.get("/health", null).status(), "live");

            disk.free();
            HttpAnswer back = awaitStatus(client, 200);
            assertEquals(200, back.status(), back.body());
        }
    }

    @Test
    void aStartOnAFullDiskSaysSoInOneParagraphAndAStartOnTheEnlargedDiskFindsEveryAcknowledgedNote()
            throws Exception {
        try (SmallFileSystem disk = SmallFileSystem.mount(temp.resolve("disk"), 16)) {
            Path data = disk.path().resolve("data");
            List<String> acked = new ArrayList<>();
            RoomClient.Room room;
            try (Server server = Server.start(new Server.Settings(0, data, 100));
                 RoomClient client = new RoomClient(server.port())) {
                room = client.openRoom("pos-system");
                RoomClient.Socket buyer = client.connect(room, "buyer");
                for (int i = 0; i < 20; i++) {
                    acked.add(acked(note(buyer, "kept " + i)));
                }
            }
            disk.fill();

            Started plain = startChild(data);
            assertEquals(Main.ExitCode.STORAGE_FAILED, plain.code(), plain.output());
            String paragraph = plain.errorLines();
            assertTrue(paragraph.startsWith("error: the server did not start: the event store could not write"
                    + " (storage full: No space left on device) in the data directory " + data), paragraph);
            assertTrue(paragraph.contains("free of"), paragraph);
            assertTrue(paragraph.contains("Free space on that file system"), paragraph);
            assertEquals(1, paragraph.lines().count(), "one paragraph: " + plain.output());
            assertFalse(plain.output().contains("\tat "), "no stack trace without --verbose: " + plain.output());

            Started verbose = startChild(data, "--verbose");
            assertEquals(Main.ExitCode.STORAGE_FAILED, verbose.code(), verbose.output());
            assertTrue(verbose.output().contains("\tat "), "the stack trace with --verbose");

            disk.resize(48);
            try (Server server = Server.start(new Server.Settings(0, data, 100));
                 RoomClient client = new RoomClient(server.port())) {
                assertEquals(new TreeSet<>(acked), new TreeSet<>(notes(client, room)));
                assertEquals(200, client.get("/health/ready", null).status());
                RoomClient.Socket buyer = client.connect(room, "buyer");
                acked(note(buyer, "after enlarging"));
            }
        }
    }

    record Note(String text, JsonNode answer) {
    }

    static Note note(RoomClient.Socket socket, String label) {
        String text = label + " " + PADDING;
        return new Note(text, socket.answer(socket.send("note", "text", text)));
    }

    static String acked(Note note) {
        assertEquals("ack", note.answer().path("type").asText(), note.answer().toString());
        return note.text();
    }

    static Set<String> notes(RoomClient client, RoomClient.Room room) {
        HttpAnswer events = client.get("/api/rooms/" + room.id() + "/events?after=0", room.token("mediator"));
        assertEquals(200, events.status(), events.body());
        Set<String> texts = new TreeSet<>();
        for (JsonNode event : events.json()) {
            if (event.path("kind").asText().equals("NoteAdded")) {
                texts.add(event.at("/data/text").asText());
            }
        }
        return texts;
    }

    static double failures(RoomClient client, String cause) {
        Matcher value = Pattern.compile("(?m)^rooms_store_failures_total\\{cause=\"" + cause + "\",?\\} (\\S+)$")
                .matcher(client.get("/metrics", null).body());
        return value.find() ? Double.parseDouble(value.group(1)) : -1;
    }

    static HttpAnswer awaitReady(RoomClient client) throws InterruptedException {
        return awaitStatus(client, 200);
    }

    /** {@code /health/ready}'s answer once it has this status, or after 20 s. */
    static HttpAnswer awaitStatus(RoomClient client, int status) throws InterruptedException {
        return awaitStatus(client, status, 20);
    }

    /** {@code /health/ready}'s answer once it has this status, or after {@code seconds}. */
    static HttpAnswer awaitStatus(RoomClient client, int status, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        HttpAnswer ready;
        while ((ready = client.get("/health/ready", null)).status() != status && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return ready;
    }

    static Handler capture(List<LogRecord> log) {
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    log.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(handler);
        return handler;
    }

    static List<String> messages(List<LogRecord> log, String containing) {
        List<String> found = new ArrayList<>();
        for (LogRecord record : log) {
            String text = new java.util.logging.SimpleFormatter().formatMessage(record);
            if (text.contains(containing)) {
                found.add(text);
            }
        }
        return found;
    }

    record Started(int code, String output) {
        /** The lines that are not JSON log records: what the command line itself printed. */
        String errorLines() {
            return String.join("\n", output.lines().filter(line -> !line.startsWith("{")).toList());
        }
    }

    /** negotiation.Main in a child JVM on the test class path, as an operator runs it. */
    static Started startChild(Path data, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ddisable-axoniq-console-message=true", "-cp", System.getProperty("java.class.path"),
                "negotiation.Main", "--port", "0", "--data", data.toString()));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the server did not stop on a full disk");
        }
        return new Started(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
