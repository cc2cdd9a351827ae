package negotiation.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import negotiation.Server;
import negotiation.readmodel.RoomHistories;
import negotiation.bench.machine.Machine;
import negotiation.room.RoomLimits;
import negotiation.web.Limits;

/**
 * The load benchmark: {@code java -jar bench/target/benchmarks.jar load [--quick]}.
 *
 * <p>Starts the room server in this JVM on port 0 in a temporary directory and drives it over
 * real WebSockets on loopback with Vert.x's client: N rooms x 2 parties, each party sending a
 * note as soon as its previous one is acknowledged (closed loop), at 1, 100 and 1,000 rooms,
 * next to a raw Vert.x WebSocket echo server driven the same way (the ceiling). Then 1,000
 * rooms at a fixed 2,000 commands/s (open loop), the replay of a 10,000-event room over HTTP
 * and over a WebSocket hello, and the server's heap per idle connected socket (10,000
 * sockets held by a child JVM, so only the server's side is counted). Prints one table.
 */
public final class LoadBench {
    private static final String AGENDA = """
            {"title": "Point-of-sale system for a boutique", "parties": ["buyer", "seller"],
             "issues": [
               {"id": "price", "label": "Price", "unit": "USD", "range": {"min": 4800, "max": 5600, "step": 100}},
               {"id": "support", "label": "After-sales support", "options": ["none", "6 months", "1 year"]},
               {"id": "training", "label": "Staff training", "options": ["not included", "included"]},
               {"id": "payment", "label": "Payment plan", "options": ["upfront", "3 instalments over 6 months"]}]}""";
    private static final Pattern ROOM = Pattern.compile("\"roomId\":\"([^\"]+)\".*\"buyer\":\"([^\"]+)\".*\"seller\":\"([^\"]+)\"");

    private final boolean quick;
    private final int[] levels;
    private final long warmupMs;
    private final long measureMs;
    private final int openLoopRate;
    private final int replayEvents;
    /** The server's warming after a restart: its default, or off with --no-warming. */
    private RoomHistories.Warming warming = RoomHistories.Warming.DEFAULTS;
    private final int idleSockets;
    private final Vertx clients = Vertx.vertx();
    private final WebSocketClient sockets = clients.createWebSocketClient(new WebSocketClientOptions()
            .setMaxConnections(1_000_000).setMaxFrameSize(1024 * 1024).setMaxMessageSize(4 * 1024 * 1024));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> table = new ArrayList<>();
    private Path data;
    private Server server;

    /** Only these closed-loop levels, nothing else (for a profile of one scenario); null for the whole run. */
    private final int[] onlyLevels;

    private LoadBench(boolean quick, int[] onlyLevels) {
        this.quick = quick;
        this.onlyLevels = onlyLevels;
        this.levels = onlyLevels != null ? onlyLevels : quick ? new int[] {1, 10, 50} : new int[] {1, 100, 1000};
        this.warmupMs = quick ? 500 : 2000;
        this.measureMs = quick ? 1000 : 5000;
        this.openLoopRate = quick ? 200 : 2000;
        this.replayEvents = quick ? 1000 : 10_000;
        this.idleSockets = quick ? 500 : 10_000;
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--growth")) {
            StoreGrowthBench.main(args);
            return;
        }
        boolean quick = Arrays.asList(args).contains("--quick");
        boolean cluster = Arrays.asList(args).contains("--cluster");
        int[] onlyLevels = null;
        for (String arg : args) {
            if (arg.equals("--replay-only")) {
                onlyLevels = new int[0];
            } else if (arg.startsWith("--levels=")) {
                onlyLevels = Arrays.stream(arg.substring("--levels=".length()).split(",")).mapToInt(Integer::parseInt).toArray();
            } else if (!arg.equals("--quick") && !arg.equals("--cluster") && !arg.equals("--no-warming")) {
                System.err.println("usage: java -jar bench/target/benchmarks.jar load [--quick] [--cluster] [--levels=1,1000] [--replay-only] [--no-warming]");
                System.err.println("  --levels: only these closed-loop scenarios (N rooms x 2 parties), e.g. under a profiler");
                System.err.println("  --replay-only: only the replay of a long room (and its bytes on disk)");
                System.err.println("  --growth [--rooms=1000] [--seconds=120] [--idle=60] [--events=N]: the H2 file's size under load, every 10 s");
                System.err.println("  --no-warming: the replay's restarts do not warm the room's history (its cold read as before)");
                System.err.println("  --cluster: one node vs two on PostgreSQL; needs ROOMS_DB_URL (and ROOMS_DB_USER,");
                System.err.println("             ROOMS_DB_PASSWORD); tools/throwaway-postgres.sh start gives them");
                System.exit(2);
            }
        }
        System.setProperty("disable-axoniq-console-message", "true");
        // the replay's room holds 10,000 notes of one role, past a room's default of 2,000 (docs/protocol.md)
        System.setProperty(RoomLimits.PROPERTY_PREFIX + "maxNotes", "100000");
        LoadBench bench = new LoadBench(quick, onlyLevels);
        if (Arrays.asList(args).contains("--no-warming")) {
            bench.warming = RoomHistories.Warming.OFF;
        }
        try {
            if (cluster) {
                bench.clusterComparison();
            } else {
                bench.run();
            }
        } finally {
            bench.close();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        data = Files.createTempDirectory("load-bench");
        server = Server.start(settings());
        Vertx echoVertx = Vertx.vertx();
        HttpServer echo = echoVertx.createHttpServer(new HttpServerOptions().setPort(0)
                        .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false))
                .webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage));
        echo.listen().await();
        row("%-44s %9s %12s %8s %8s   %12s %8s %8s", "scenario (closed loop: next note when acked)", "sockets",
                "acked cmd/s", "p50 ms", "p99 ms", "echo rt/s", "p50 ms", "p99 ms");
        // Fresh rooms for every level: each level measures rooms that start from their RoomCreated.
        for (int n : levels) {
            try {
                log("creating " + n + " rooms");
                List<String[]> rooms = createRooms(n);
                List<Endpoint> roomSockets = new ArrayList<>();
                List<Endpoint> echoSockets = new ArrayList<>();
                for (String[] room : rooms) {
                    roomSockets.add(new Endpoint(server.port(), "/ws/rooms/" + room[0] + "?token=" + room[1]));
                    roomSockets.add(new Endpoint(server.port(), "/ws/rooms/" + room[0] + "?token=" + room[2]));
                    echoSockets.add(new Endpoint(echo.actualPort(), "/echo"));
                    echoSockets.add(new Endpoint(echo.actualPort(), "/echo"));
                }
                log("closed loop, " + n + " rooms");
                Result rooms1 = closedLoop(roomSockets);
                log("closed loop, echo, " + 2 * n + " sockets");
                Result echo1 = closedLoop(echoSockets);
                row("%-44s %9d %12.0f %8.2f %8.2f   %12.0f %8.2f %8.2f",
                        String.format("%,d room%s x 2 parties", n, n == 1 ? "" : "s"),
                        2 * n, rooms1.rate, rooms1.p50, rooms1.p99, echo1.rate, echo1.p50, echo1.p99);
                if (rooms1.errors > 0) {
                    row("    (%d commands refused with an error during that run)", rooms1.errors);
                }
            } catch (Exception e) {
                row("%-44s failed: %s", String.format("%,d rooms x 2 parties", n), e);
            }
        }
        if (onlyLevels != null) {
            echoVertx.close().await();
            if (onlyLevels.length == 0) {
                replay();
            }
            printTable();
            return;
        }
        int n = levels[levels.length - 1];
        try {
            log("creating " + n + " rooms");
            List<String[]> rooms = createRooms(n);
            List<Endpoint> roomSockets = new ArrayList<>();
            for (String[] room : rooms) {
                roomSockets.add(new Endpoint(server.port(), "/ws/rooms/" + room[0] + "?token=" + room[1]));
                roomSockets.add(new Endpoint(server.port(), "/ws/rooms/" + room[0] + "?token=" + room[2]));
            }
            log("open loop, " + n + " rooms at " + openLoopRate + "/s");
            Result open = openLoop(roomSockets, openLoopRate);
            row("%-44s %9d %12.0f %8.2f %8.2f", String.format("%,d rooms, open loop at %,d cmd/s", n, openLoopRate),
                    roomSockets.size(), open.rate, open.p50, open.p99);
            if (open.errors > 0) {
                row("    (%d commands refused with an error during that run)", open.errors);
            }
        } catch (Exception e) {
            row("%-44s failed: %s", String.format("%,d rooms, open loop", n), e);
        }
        echoVertx.close().await();

        try {
            replay();
        } catch (Exception e) {
            row("replay failed: %s", e);
        }
        try {
            idleHeap();
        } catch (Exception e) {
            row("idle sockets failed: %s", e);
        }
        printTable();
    }

    private void printTable() {
        System.out.println();
        System.out.println("load benchmark" + (quick ? " (--quick: a much smaller run, for checking that it works)" : ""));
        table.forEach(System.out::println);
        System.out.println(Machine.describe());
    }

    /**
     * One node vs two on one PostgreSQL and one Hazelcast cluster, each party of a room on its
     * own node in the two-node case, so every command also crosses the clustered event bus.
     */
    private void clusterComparison() throws Exception {
        String url = System.getenv("ROOMS_DB_URL");
        if (url == null) {
            throw new IllegalStateException("--cluster needs ROOMS_DB_URL: eval \"$(tools/throwaway-postgres.sh start)\"");
        }
        var database = new negotiation.store.Database.Postgres(url, System.getenv().getOrDefault("ROOMS_DB_USER", "rooms"),
                System.getenv().getOrDefault("ROOMS_DB_PASSWORD", ""));
        data = Files.createTempDirectory("cluster-bench");
        int rooms = quick ? 10 : 100;
        row("%-44s %9s %12s %8s %8s", "PostgreSQL, closed loop, " + rooms + " rooms x 2 parties", "sockets",
                "acked cmd/s", "p50 ms", "p99 ms");
        server = Server.start(new Server.Settings(0, data, 100, settings().limits(), database, null));
        Result one = closedLoop(endpoints(createRooms(rooms), server.port(), server.port()));
        row("%-44s %9d %12.0f %8.2f %8.2f", "one node", 2 * rooms, one.rate, one.p50, one.p99);
        server.close();
        int[] ports = {freePort(), freePort()};
        List<String> members = List.of("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1]);
        server = Server.start(new Server.Settings(0, data.resolve("a"), 100, settings().limits(), database,
                new negotiation.Cluster("127.0.0.1", ports[0], members)));
        Server second = Server.start(new Server.Settings(0, data.resolve("b"), 100, settings().limits(), database,
                new negotiation.Cluster("127.0.0.1", ports[1], members)));
        try {
            Thread.sleep(5000); // Hazelcast joins the two members
            Result two = closedLoop(endpoints(createRooms(rooms), server.port(), second.port()));
            row("%-44s %9d %12.0f %8.2f %8.2f", "two nodes (buyer on one, seller on the other)", 2 * rooms, two.rate,
                    two.p50, two.p99);
        } finally {
            second.close();
        }
        System.out.println();
        System.out.println("cluster benchmark (both nodes in this JVM, on the same 2 cores as PostgreSQL)");
        table.forEach(System.out::println);
        System.out.println(Machine.describe());
    }

    private static List<Endpoint> endpoints(List<String[]> rooms, int buyerPort, int sellerPort) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String[] room : rooms) {
            endpoints.add(new Endpoint(buyerPort, "/ws/rooms/" + room[0] + "?token=" + room[1]));
            endpoints.add(new Endpoint(sellerPort, "/ws/rooms/" + room[0] + "?token=" + room[2]));
        }
        return endpoints;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void close() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (Exception e) {
            // exiting anyway
        }
        clients.close().await();
    }

    private void row(String format, Object... args) {
        table.add(String.format(format, args));
    }

    private static void log(String what) {
        System.out.println("... " + what);
    }

    // ------------------------------------------------------------------ rooms over HTTP

    private List<String[]> createRooms(int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String[]>> created = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                created.add(pool.submit(this::createRoom));
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

    /** {roomId, buyer token, seller token}. */
    private String[] createRoom() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + server.port() + "/api/rooms"))
                .POST(HttpRequest.BodyPublishers.ofString(AGENDA)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = ROOM.matcher(answer.body());
        if (answer.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("room not created: " + answer.statusCode() + " " + answer.body());
        }
        return new String[] {m.group(1), m.group(2), m.group(3)};
    }

    // ------------------------------------------------------------------ throughput and latency

    record Endpoint(int port, String uri) {
    }

    record Result(double rate, double p50, double p99, long errors) {
    }

    /** Latencies in microseconds of the answers that arrived while measuring, recorded from every event loop. */
    static final class Recorder {
        final ConcurrentHistogram micros = new ConcurrentHistogram(3);
        final AtomicLong errors = new AtomicLong();
        volatile boolean measuring;
        volatile boolean stopped;

        void record(long sentNanos, boolean error) {
            if (!measuring) {
                return;
            }
            if (error) {
                errors.incrementAndGet();
                return;
            }
            micros.recordValue((System.nanoTime() - sentNanos) / 1000);
        }

        Result result(long measuredNanos) {
            long n = micros.getTotalCount();
            return new Result(n / (measuredNanos / 1e9), millis(50), millis(99), errors.get());
        }

        private double millis(double percentile) {
            return micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private List<WebSocket> connectAll(List<Endpoint> endpoints) {
        List<WebSocket> connected = new ArrayList<>();
        for (int from = 0; from < endpoints.size(); from += 200) {
            List<Future<WebSocket>> batch = new ArrayList<>();
            for (Endpoint e : endpoints.subList(from, Math.min(endpoints.size(), from + 200))) {
                batch.add(sockets.connect(new WebSocketConnectOptions().setHost("localhost").setPort(e.port()).setURI(e.uri())));
            }
            Future.all(batch).await();
            batch.forEach(f -> connected.add(f.result()));
        }
        return connected;
    }

    /** Unique across the run: the server answers a re-sent frame (same role and content, id included) from its first ack. */
    private static final AtomicLong IDS = new AtomicLong();

    private static String note() {
        long id = IDS.incrementAndGet();
        return "{\"id\":" + id + ",\"type\":\"note\",\"text\":\"load test note\"}";
    }

    /** Every socket keeps exactly one command in flight: the next one leaves when the last is answered. */
    private Result closedLoop(List<Endpoint> endpoints) throws Exception {
        List<WebSocket> connected = connectAll(endpoints);
        Recorder recorder = new Recorder();
        AtomicInteger inFlight = new AtomicInteger();
        for (WebSocket ws : connected) {
            long[] sent = new long[1];
            ws.textMessageHandler(text -> {
                boolean error = text.startsWith("{\"type\":\"error\"");
                recorder.record(sent[0], error);
                if (recorder.stopped) {
                    inFlight.decrementAndGet();
                    return;
                }
                sent[0] = System.nanoTime();
                ws.writeTextMessage(note());
            });
            inFlight.incrementAndGet();
            sent[0] = System.nanoTime();
            ws.writeTextMessage(note());
        }
        long measured = measure(recorder);
        drain(inFlight);
        closeAll(connected);
        return recorder.result(measured);
    }

    /** Warms up, records answers for the measuring time, then tells the senders to stop; returns the nanos measured. */
    private long measure(Recorder recorder) throws InterruptedException {
        Thread.sleep(warmupMs);
        recorder.measuring = true;
        long start = System.nanoTime();
        Thread.sleep(measureMs);
        recorder.measuring = false;
        long measured = System.nanoTime() - start;
        recorder.stopped = true;
        return measured;
    }

    /** Commands leave at a fixed rate, round robin over the sockets, whether or not earlier ones were answered. */
    private Result openLoop(List<Endpoint> endpoints, int perSecond) throws Exception {
        List<WebSocket> connected = connectAll(endpoints);
        Recorder recorder = new Recorder();
        AtomicInteger inFlight = new AtomicInteger();
        List<ArrayDeque<Long>> sentTimes = new ArrayList<>();
        for (WebSocket ws : connected) {
            ArrayDeque<Long> times = new ArrayDeque<>();
            sentTimes.add(times);
            ws.textMessageHandler(text -> {
                Long sent;
                synchronized (times) {
                    sent = times.poll();
                }
                if (sent != null) {
                    recorder.record(sent, text.startsWith("{\"type\":\"error\""));
                    inFlight.decrementAndGet();
                }
            });
        }
        long tickMs = 5;
        double perTick = perSecond * tickMs / 1000.0;
        double[] owed = {0};
        int[] next = {0};
        long timer = clients.setPeriodic(tickMs, t -> {
            if (recorder.stopped) {
                return;
            }
            owed[0] += perTick;
            while (owed[0] >= 1) {
                owed[0] -= 1;
                int i = next[0]++ % connected.size();
                ArrayDeque<Long> times = sentTimes.get(i);
                synchronized (times) {
                    times.add(System.nanoTime());
                }
                inFlight.incrementAndGet();
                connected.get(i).writeTextMessage(note());
            }
        });
        long measured = measure(recorder);
        clients.cancelTimer(timer);
        drain(inFlight);
        closeAll(connected);
        return recorder.result(measured);
    }

    private static void drain(AtomicInteger inFlight) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static void closeAll(List<WebSocket> connected) {
        List<Future<Void>> closing = new ArrayList<>();
        connected.forEach(ws -> closing.add(ws.close()));
        Future.join(closing).await();
    }

    // ------------------------------------------------------------------ replay

    private void replay() throws Exception {
        // A data directory of its own, so its file holds this room only: bytes on disk per event.
        server.close();
        data = Files.createTempDirectory("load-bench-replay");
        server = Server.start(settings());
        log("replay: appending " + replayEvents + " events to one room");
        String[] room = createRoom();
        WebSocket ws = sockets.connect(new WebSocketConnectOptions().setHost("localhost").setPort(server.port())
                .setURI("/ws/rooms/" + room[0] + "?token=" + room[1])).await();
        int notes = replayEvents - 1;
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        int window = 64;
        ws.textMessageHandler(text -> {
            if (!text.startsWith("{\"type\":\"ack\"")) {
                done.completeExceptionally(new IllegalStateException("refused: " + text));
            }
            if (answered.incrementAndGet() == notes) {
                done.complete(null);
            } else if (sent.getAndIncrement() < notes) {
                ws.writeTextMessage(note());
            }
        });
        for (int i = 0; i < Math.min(window, notes); i++) {
            sent.incrementAndGet();
            ws.writeTextMessage(note());
        }
        done.get(10, TimeUnit.MINUTES);
        ws.close().await();
        long live = Files.size(data.resolve("rooms.mv.db"));

        // Each restart warms the room's history in the background (the server's default), unless --no-warming.
        RoomHistories.Warmed warmed = restart(warming);
        double warmingMs = warmed.millis();
        double httpCold = httpReplay(room);
        double[] httpWarm = new double[7];
        for (int i = 0; i < httpWarm.length; i++) {
            httpWarm[i] = httpReplay(room);
        }
        restart(warming);
        double wsCold = wsReplay(room);
        double[] wsWarm = new double[7];
        for (int i = 0; i < wsWarm.length; i++) {
            wsWarm[i] = wsReplay(room);
        }
        // A read sent the moment the server listens, while the warming loads its room: it waits for that load.
        server.close();
        server = Server.start(settings().withWarming(warming));
        double httpJoining = httpReplay(room);
        // Once more after a restart with warming off, now that this JVM has run the read path: the room read
        // from the store on its first use with the JIT warm, which tells the per-event cost from the first
        // run's interpreting and compiling.
        restart(RoomHistories.Warming.OFF);
        double httpCompiled = httpReplay(room);
        row("");
        row("%-44s %14s %14s", String.format("replay of a %,d-event room", replayEvents), "cold ms", "warm ms (med)");
        row("%-44s %14.1f %14.1f", "  HTTP GET events?after=0 (whole body)", httpCold, median(httpWarm));
        row("%-44s %14.1f %14.1f", "  WebSocket hello{after:0} until its ack", wsCold, median(wsWarm));
        row("%-44s %14.1f", "  HTTP GET at once after a restart", httpJoining);
        row("%-44s %14.1f", "  HTTP GET after a restart, room not warmed", httpCompiled);
        row("%-44s %14.1f", "  the warming itself after the first restart", warmingMs);
        row("  (cold: the first read after a restart, the first of the read path in this JVM, %s;",
                warming.rooms() == 0 ? "warming off (--no-warming): the room read from H2 by that read"
                        : "sent once the server's warming had loaded the room (" + warmed.events() + " events)");
        row("   warm: histories in memory; at once: sent as the server listens, while the warming loads the room;");
        row("   not warmed: a restart with warming off, the room read from H2 by that read, the JIT warm from before)");
        long compacted = compactedFileSize();
        row("%-44s %14.0f %14.0f", "  H2 file bytes per event: running, compacted", (double) live / replayEvents,
                (double) compacted / replayEvents);
        row("  (running: right after the appends, within H2's retention; compacted: once the server's");
        row("   housekeeping stopped shrinking the file, then closed)");
    }

    /**
     * The H2 file's size once the server's housekeeping has stopped shrinking it, after a close:
     * not before a minute (H2 reuses a chunk's space only 45 s after writing it), then once it
     * did not shrink for 10 s, at most 3 minutes in all.
     */
    private long compactedFileSize() throws Exception {
        Path file = data.resolve("rooms.mv.db");
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 18 && (i < 6 || Files.size(file) < last); i++) {
            last = Files.size(file);
            Thread.sleep(10_000);
        }
        restart(); // closes the store, which compacts once more
        return Files.size(file);
    }

    /** The server's defaults, except the per-token rate limit, which would cap every party at 50 commands/s. */
    private Server.Settings settings() {
        return new Server.Settings(0, data, 100, new Limits(1_000_000, 1_000_000, Limits.DEFAULTS.idleSeconds(),
                Limits.DEFAULTS.slowSeconds(), Limits.DEFAULTS.allowedOrigins()));
    }

    private void restart() throws Exception {
        server.close();
        server = Server.start(settings());
    }

    /** Restarts with this warming bound and waits until the warming has loaded what it will. */
    private RoomHistories.Warmed restart(RoomHistories.Warming bound) throws Exception {
        server.close();
        server = Server.start(settings().withWarming(bound));
        return server.warming().toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    }

    private double httpReplay(String[] room) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/rooms/" + room[0]
                + "/events?after=0")).header("Authorization", "Bearer " + room[1]).build();
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(get, HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        if (answer.statusCode() != 200 || !answer.body().contains("\"seq\":" + replayEvents + ",")) {
            throw new IllegalStateException("replay failed: " + answer.statusCode());
        }
        return ms;
    }

    private double wsReplay(String[] room) throws Exception {
        WebSocket ws = sockets.connect(new WebSocketConnectOptions().setHost("localhost").setPort(server.port())
                .setURI("/ws/rooms/" + room[0] + "?token=" + room[1])).await();
        CompletableFuture<Long> acked = new CompletableFuture<>();
        AtomicInteger events = new AtomicInteger();
        long[] start = new long[1];
        ws.textMessageHandler(text -> {
            if (text.startsWith("{\"type\":\"event\"")) {
                events.incrementAndGet();
            } else {
                acked.complete(System.nanoTime());
            }
        });
        start[0] = System.nanoTime();
        ws.writeTextMessage("{\"id\":\"r\",\"type\":\"hello\",\"after\":0}");
        long end = acked.get(60, TimeUnit.SECONDS);
        ws.close().await();
        if (events.get() != replayEvents) {
            throw new IllegalStateException("replayed " + events.get() + " events, not " + replayEvents);
        }
        return (end - start[0]) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    // ------------------------------------------------------------------ idle sockets

    private static final int IDLE_SOCKETS_PER_TOKEN = 20;

    /** The server's heap per idle socket that said hello: the sockets live in a child JVM. */
    private void idleHeap() throws Exception {
        // a token may hold 20 sockets at once (docs/security.md): one room's token per 20 sockets
        int rooms = Math.max(1, idleSockets / IDLE_SOCKETS_PER_TOKEN);
        log("idle sockets: " + idleSockets + " over " + rooms + " rooms, held by a child JVM");
        List<String[]> created = createRooms(rooms);
        Path list = Files.createTempFile(data, "idle", ".txt");
        StringBuilder lines = new StringBuilder();
        for (String[] room : created) {
            lines.append(room[0]).append(' ').append(room[1]).append('\n');
        }
        Files.writeString(list, lines);
        long before = usedHeap();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = Path.of(LoadBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process child = new ProcessBuilder(java, "-Xmx1g", "-cp", classPath, IdleClients.class.getName(),
                Integer.toString(server.port()), list.toString(), Integer.toString(idleSockets))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            String connected = null;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("connected ")) {
                    connected = line;
                    break;
                }
                System.out.println("    idle clients: " + line);
            }
            if (connected == null) {
                throw new IllegalStateException("the idle clients did not connect");
            }
            long after = usedHeap();
            long n = Long.parseLong(connected.split(" ")[1]);
            row("");
            row("%-44s %,14d", "idle sockets connected (hello said)", n);
            row("%-44s %,14.0f", "  server heap per idle socket (bytes)", (after - before) / (double) n);
            row("%-44s %,14.1f", "  server heap for all of them (MiB)", (after - before) / 1024.0 / 1024.0);
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    private static long usedHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
