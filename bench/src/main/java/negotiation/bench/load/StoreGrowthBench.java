package negotiation.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import negotiation.Server;
import negotiation.bench.machine.Machine;
import negotiation.web.Limits;
import org.HdrHistogram.Recorder;

/**
 * The store file under load: {@code java -jar bench/target/benchmarks.jar load --growth [--rooms=1000]
 * [--seconds=120] [--idle=60] [--events=N]}.
 *
 * <p>N rooms x 2 parties send notes in a closed loop (the next when the last is acked) for the
 * given time, then stay idle; every 10 s it prints the H2 file's size per stored event and the
 * last 10 s's acked rate and latency. Beside it, before and after the load, a raw WebSocket echo
 * driven the same way over as many sockets is the ceiling, so the ratio survives a busy machine.
 * Then an online backup and, after a clean stop, the file and a restore of that backup, timed.
 * {@code --events=N} stops the load once N notes are acked (for a store of a given size). The load
 * average is printed with each sample: the figures are only comparable between runs on a similarly
 * loaded machine; the backup's time has a plain zip of the same file as its ceiling.
 */
public final class StoreGrowthBench {
    private static final String AGENDA = "{\"title\":\"growth\",\"parties\":[\"buyer\",\"seller\"],\"issues\":[{\"id\":\"price\","
            + "\"label\":\"Price\",\"range\":{\"min\":1,\"max\":9,\"step\":1}}]}";
    private static final Pattern ROOM = Pattern.compile("\"roomId\":\"([^\"]+)\".*\"buyer\":\"([^\"]+)\".*\"seller\":\"([^\"]+)\"");
    /** A short note, as in the load benchmark's closed loops: 64 characters. */
    private static final String NOTE = "n".repeat(64);
    private static final long SAMPLE_SECONDS = 10;
    private static final long ECHO_SECONDS = 10;

    private final Vertx clients = Vertx.vertx();
    private final WebSocketClient sockets = clients.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1_000_000));
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong ids = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int rooms = 1000;
        long seconds = 120;
        long idle = 60;
        long events = Long.MAX_VALUE;
        for (String arg : args) {
            if (arg.startsWith("--rooms=")) {
                rooms = Integer.parseInt(arg.substring("--rooms=".length()));
            } else if (arg.startsWith("--seconds=")) {
                seconds = Long.parseLong(arg.substring("--seconds=".length()));
            } else if (arg.startsWith("--idle=")) {
                idle = Long.parseLong(arg.substring("--idle=".length()));
            } else if (arg.startsWith("--events=")) {
                events = Long.parseLong(arg.substring("--events=".length()));
            }
        }
        new StoreGrowthBench().run(rooms, seconds, idle, events);
        System.exit(0);
    }

    /** @param notes the load stops once this many notes are acked (and at {@code seconds} at the latest) */
    private void run(int rooms, long seconds, long idle, long notes) throws Exception {
        System.out.println("machine: " + Machine.describe());
        Path data = Files.createTempDirectory("growth-bench");
        Path file = data.resolve("rooms.mv.db");
        Server server = Server.start(new Server.Settings(0, data, 100, new Limits(1_000_000, 1_000_000,
                Limits.DEFAULTS.idleSeconds(), Limits.DEFAULTS.slowSeconds(), Limits.DEFAULTS.allowedOrigins())));
        Vertx echoVertx = Vertx.vertx();
        HttpServer echo = echoVertx.createHttpServer(new HttpServerOptions().setPort(0))
                .webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage)).listen().await();
        List<String> roomSockets = new ArrayList<>();
        for (String[] room : createRooms(server.port(), rooms)) {
            roomSockets.add("/ws/rooms/" + room[0] + "?token=" + room[1]);
            roomSockets.add("/ws/rooms/" + room[0] + "?token=" + room[2]);
        }
        List<String> echoSockets = roomSockets.stream().map(uri -> "/echo").toList();

        Loop before = echo(echo.actualPort(), echoSockets);
        System.out.printf(Locale.ROOT, "echo before: %.0f round trips/s, p50 %.2f ms (load %s)%n", before.rate(), before.p50(), load());

        System.out.printf(Locale.ROOT, "%7s  %-5s %9s %13s %9s %9s %8s %8s  %s%n", "seconds", "phase", "events", "file bytes",
                "B/event", "acked/s", "p50 ms", "p99 ms", "load average");
        List<WebSocket> connected = connect(server.port(), roomSockets);
        Recorder latencies = new Recorder(3);
        AtomicLong acked = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        drive(connected, latencies, acked, running, false, notes);
        long start = System.nanoTime();
        long loadAcked = 0;
        double loadMicros = 0;
        long loadEnd = seconds;
        for (long at = SAMPLE_SECONDS; at <= loadEnd + idle; at += SAMPLE_SECONDS) {
            sleepUntil(start, at);
            boolean loading = at <= loadEnd;
            if (at >= loadEnd) {
                running.set(false);
            }
            var window = latencies.getIntervalHistogram();
            long count = window.getTotalCount();
            if (loading) {
                loadAcked += count;
                loadMicros += count * window.getValueAtPercentile(50);
                if (!running.get()) {
                    loadEnd = at; // the time, or the notes asked for, are reached: idle from here
                }
            }
            long events = rooms + acked.get();
            long bytes = Files.size(file);
            System.out.printf(Locale.ROOT, "%7d  %-5s %9d %13d %9.0f %9.0f %8.2f %8.2f  %s%n", at, loading ? "load" : "idle",
                    events, bytes, (double) bytes / events, count / (double) SAMPLE_SECONDS,
                    count == 0 ? 0 : window.getValueAtPercentile(50) / 1000.0,
                    count == 0 ? 0 : window.getValueAtPercentile(99) / 1000.0, load());
        }
        Future.join(connected.stream().map(WebSocket::close).toList()).await();
        long events = rooms + acked.get();

        Loop after = echo(echo.actualPort(), echoSockets);
        System.out.printf(Locale.ROOT, "echo after: %.0f round trips/s, p50 %.2f ms (load %s)%n", after.rate(), after.p50(), load());
        double rate = loadAcked / (double) loadEnd;
        System.out.printf(Locale.ROOT, "rooms under load: %.0f acked/s = %.1f %% of the echo (mean of before and after); "
                        + "mean of the 10 s medians %.2f ms%n", rate, 100 * rate / ((before.rate() + after.rate()) / 2),
                loadAcked == 0 ? 0 : loadMicros / loadAcked / 1000.0);
        Path backup = data.resolveSibling(data.getFileName() + "-backup.zip");
        long t0 = System.nanoTime();
        int code = command("backup", "--to", backup.toString(), "--data", data.toString(), "--server",
                "http://localhost:" + server.port());
        System.out.printf(Locale.ROOT, "online backup: exit %d, %.1f s, %d bytes, of a %d-byte file (load %s)%n", code,
                (System.nanoTime() - t0) / 1e9, Files.size(backup), Files.size(file), load());
        zipCeiling(file, data.resolveSibling(data.getFileName() + "-ceiling.zip"));
        server.close();
        long stopped = Files.size(file);
        System.out.printf(Locale.ROOT, "after a clean stop: %d bytes, %.0f B/event (%d events)%n", stopped, (double) stopped / events, events);
        t0 = System.nanoTime();
        code = command("restore", "--from", backup.toString(), "--data", data.resolveSibling(data.getFileName() + "-restored").toString());
        System.out.printf(Locale.ROOT, "restore: exit %d, %.1f s (load %s)%n", code, (System.nanoTime() - t0) / 1e9, load());
        echoVertx.close().await();
        clients.close().await();
    }

    /**
     * The ceiling for the backup's time, in the same run: zipping the same file, idle, with the JDK's
     * default deflate level (H2's {@code BACKUP TO} writes the same kind of zip while the store serves).
     */
    private static void zipCeiling(Path file, Path zip) throws Exception {
        long t0 = System.nanoTime();
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("rooms.mv.db"));
            Files.copy(file, out);
            out.closeEntry();
        }
        System.out.printf(Locale.ROOT, "ceiling, a plain zip of the file: %.1f s, %d bytes (load %s)%n",
                (System.nanoTime() - t0) / 1e9, Files.size(zip), load());
        Files.delete(zip);
    }

    /** The jar's own backup and restore commands, as an operator runs them. */
    private static int command(String... args) {
        return negotiation.Main.commandLine(new negotiation.Main()).setOut(new java.io.PrintWriter(System.out, true))
                .execute(args);
    }

    /** Each socket keeps one note in flight while running; every ack (every answer of the echo) counts, with its latency. */
    private void drive(List<WebSocket> connected, Recorder latencies, AtomicLong acked, AtomicBoolean running, boolean echo,
                       long limit) {
        for (WebSocket ws : connected) {
            long[] sent = new long[1];
            ws.textMessageHandler(text -> {
                if (echo || text.startsWith("{\"type\":\"ack\"")) {
                    if (acked.incrementAndGet() >= limit) {
                        running.set(false);
                    }
                    latencies.recordValue((System.nanoTime() - sent[0]) / 1000);
                }
                if (running.get()) {
                    sent[0] = System.nanoTime();
                    ws.writeTextMessage(note());
                }
            });
            sent[0] = System.nanoTime();
            ws.writeTextMessage(note());
        }
    }

    record Loop(double rate, double p50) {
    }

    /** The ceiling: the same closed loop over as many sockets against a bare echo, for ECHO_SECONDS. */
    private Loop echo(int port, List<String> uris) throws Exception {
        List<WebSocket> connected = connect(port, uris);
        Recorder latencies = new Recorder(3);
        AtomicBoolean running = new AtomicBoolean(true);
        drive(connected, latencies, new AtomicLong(), running, true, Long.MAX_VALUE);
        Thread.sleep(2_000);
        latencies.getIntervalHistogram();
        Thread.sleep(ECHO_SECONDS * 1000);
        var measured = latencies.getIntervalHistogram();
        running.set(false);
        Thread.sleep(500);
        Future.join(connected.stream().map(WebSocket::close).toList()).await();
        return new Loop(measured.getTotalCount() / (double) ECHO_SECONDS, measured.getValueAtPercentile(50) / 1000.0);
    }

    private List<WebSocket> connect(int port, List<String> uris) {
        List<WebSocket> connected = new ArrayList<>();
        for (int from = 0; from < uris.size(); from += 200) {
            List<Future<WebSocket>> batch = new ArrayList<>();
            for (String uri : uris.subList(from, Math.min(uris.size(), from + 200))) {
                batch.add(sockets.connect(new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI(uri)));
            }
            Future.all(batch).await();
            batch.forEach(f -> connected.add(f.result()));
        }
        return connected;
    }

    private List<String[]> createRooms(int port, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String[]>> created = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                created.add(pool.submit(() -> createRoom(port)));
            }
            List<String[]> rooms = new ArrayList<>();
            for (var room : created) {
                rooms.add(room.get());
            }
            return rooms;
        } finally {
            pool.shutdown();
        }
    }

    private String[] createRoom(int port) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/rooms"))
                .POST(HttpRequest.BodyPublishers.ofString(AGENDA)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = ROOM.matcher(answer.body());
        if (answer.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("room not created: " + answer.statusCode() + " " + answer.body());
        }
        return new String[] {m.group(1), m.group(2), m.group(3)};
    }

    private String note() {
        return "{\"id\":" + ids.incrementAndGet() + ",\"type\":\"note\",\"text\":\"" + NOTE + "\"}";
    }

    private static void sleepUntil(long start, long second) throws InterruptedException {
        long waitNanos = start + second * 1_000_000_000L - System.nanoTime();
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }

    /** The machine's 1-minute load average (Linux), the other jobs' share of the cores included. */
    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
