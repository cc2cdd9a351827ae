package negotiation.store;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import negotiation.Main;
import negotiation.Server;

/**
 * A measurement, not a test (run by hand, docs/operating.md, "The store file"): N rooms x 1
 * writer each send 64-character notes in a closed loop for S seconds against a server in this
 * JVM; the H2 file's size is printed every 10 s, during the load and for I seconds idle after
 * it, then after a clean stop; then a backup and a restore of the result are timed.
 *
 * <p>{@code java -cp <test class path> negotiation.store.StoreGrowthRun ROOMS SECONDS IDLE_SECONDS [H2 SQL]}
 */
public final class StoreGrowthRun {
    private static final Pattern ROOM = Pattern.compile("\"roomId\":\"([^\"]+)\".*\"buyer\":\"([^\"]+)\"");
    private static final String NOTE = "n".repeat(64);

    public static void main(String[] args) throws Exception {
        int rooms = Integer.parseInt(args[0]);
        long seconds = Long.parseLong(args[1]);
        long idle = Long.parseLong(args[2]);
        System.setProperty("disable-axoniq-console-message", "true");
        Path data = Files.createTempDirectory("growth");
        Path file = data.resolve("rooms.mv.db");
        Server server = Server.start(new Server.Settings(0, data, 100));
        if (args.length > 3) {
            // An H2 setting to compare (e.g. "SET RETENTION_TIME 1000"), through a second connection to the
            // database this JVM has open.
            try (var connection = java.sql.DriverManager.getConnection("jdbc:h2:file:" + data.resolve("rooms"), "sa", "");
                 var statement = connection.createStatement()) {
                statement.execute(args[3]);
            }
            System.out.println("with: " + args[3]);
        }
        HttpClient http = HttpClient.newHttpClient();
        List<String[]> opened = new ArrayList<>();
        for (int i = 0; i < rooms; i++) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/rooms"))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"title\":\"growth\",\"parties\":[\"buyer\",\"seller\"],\"issues\":[{\"id\":\"price\","
                                    + "\"label\":\"Price\",\"range\":{\"min\":1,\"max\":9,\"step\":1}}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = ROOM.matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("no room: " + body);
            }
            opened.add(new String[] {m.group(1), m.group(2)});
        }
        Vertx vertx = Vertx.vertx();
        WebSocketClient client = vertx.createWebSocketClient(
                new io.vertx.core.http.WebSocketClientOptions().setMaxConnections(100_000));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong acked = new AtomicLong();
        AtomicLong ids = new AtomicLong();
        for (String[] room : opened) {
            WebSocket ws = client.connect(new WebSocketConnectOptions().setPort(server.port()).setHost("localhost")
                    .setURI("/ws/rooms/" + room[0] + "?token=" + room[1])).await();
            ws.textMessageHandler(text -> {
                if (text.contains("\"type\":\"ack\"")) {
                    acked.incrementAndGet();
                    if (running.get()) {
                        ws.writeTextMessage(note(ids.incrementAndGet()));
                    }
                }
            });
            ws.writeTextMessage(note(ids.incrementAndGet()));
        }
        long start = System.nanoTime();
        System.out.println("seconds  phase    events    file_bytes  bytes_per_event");
        long next = 10;
        while (elapsed(start) < seconds + idle) {
            Thread.sleep(Math.max(0, next * 1000 - (long) (elapsed(start) * 1000)));
            if (elapsed(start) >= seconds) {
                running.set(false);
            }
            print(next, next <= seconds ? "load" : "idle", rooms + acked.get(), Files.size(file));
            next += 10;
        }
        vertx.close().await();
        long events = rooms + acked.get();
        Path backup = data.resolveSibling(data.getFileName() + "-backup.zip");
        long t0 = System.nanoTime();
        int code = Main.commandLine(new Main()).setOut(new PrintWriter(System.out, true)).execute("backup", "--to",
                backup.toString(), "--data", data.toString(), "--server", "http://localhost:" + server.port());
        System.out.printf(Locale.ROOT, "online backup: exit %d, %.0f ms, %d bytes%n", code, (System.nanoTime() - t0) / 1e6,
                Files.size(backup));
        server.close();
        print(-1, "stopped", events, Files.size(file));
        Path restored = data.resolveSibling(data.getFileName() + "-restored");
        t0 = System.nanoTime();
        code = Main.commandLine(new Main()).setOut(new PrintWriter(System.out, true)).execute("restore", "--from",
                backup.toString(), "--data", restored.toString());
        System.out.printf(Locale.ROOT, "restore: exit %d, %.0f ms, restored file %d bytes%n", code,
                (System.nanoTime() - t0) / 1e6, Files.size(restored.resolve("rooms.mv.db")));
        System.exit(0);
    }

    private static void print(long second, String phase, long events, long bytes) {
        System.out.printf(Locale.ROOT, "%7d  %-7s %8d  %12d  %15.0f%n", second, phase, events, bytes, (double) bytes / events);
    }

    private static double elapsed(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String note(long id) {
        return "{\"id\":" + id + ",\"type\":\"note\",\"text\":\"" + NOTE + "\"}";
    }
}
