package negotiation.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import negotiation.Server;
import negotiation.bench.machine.Machine;
import negotiation.web.Limits;
import org.HdrHistogram.Histogram;

/**
 * Fair CPU between rooms: {@code java -jar bench/target/benchmarks.jar fairness [--rooms=20] [--seconds=60]}.
 *
 * <p>Starts the server in this JVM and opens N abusive rooms of 3 parties on 50 issues x 64
 * options (values drawn at random, so a round's frontier is as large as it gets and the round
 * runs to the engine's work limit before it is refused). In each, two parties submit once and
 * the third resubmits in a loop as soon as it is answered: every resubmission runs a round.
 * Meanwhile one unrelated two-party room sends a note every 100 ms and waits for its ack; the
 * table gives that ack's latency (p50, p99, max, how many acks took over 100 ms: the tail's
 * weight, steadier than the p99 on a loaded machine) and how many rounds the abusive rooms got
 * answered, first with no abusive room (the baseline), then with N. With
 * {@code -Dfairness.slow=true} it also lists every ack of 40 ms or more, with the JVM's uptime
 * when it came, to line up with {@code -Xlog:gc*,safepoint:file=gc.log:uptime} or a recording.
 */
public final class FairnessBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ISSUES = 50;
    private static final int OPTIONS = 64;
    /** {@code -Dfairness.slow=true}: list each ack of 40 ms or more on stderr, with when it came. */
    private static final boolean SHOW_SLOW = Boolean.getBoolean("fairness.slow");
    private final Vertx clients = Vertx.vertx();
    private final WebSocketClient sockets = clients.createWebSocketClient(new WebSocketClientOptions()
            .setMaxConnections(10_000).setMaxFrameSize(1024 * 1024).setMaxMessageSize(4 * 1024 * 1024));
    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    public static void main(String[] args) throws Exception {
        int rooms = 20;
        int seconds = 60;
        for (String arg : args) {
            if (arg.startsWith("--rooms=")) {
                rooms = Integer.parseInt(arg.substring("--rooms=".length()));
            } else if (arg.startsWith("--seconds=")) {
                seconds = Integer.parseInt(arg.substring("--seconds=".length()));
            } else {
                System.err.println("usage: java -jar bench/target/benchmarks.jar fairness [--rooms=20] [--seconds=60]");
                System.exit(2);
            }
        }
        System.setProperty("disable-axoniq-console-message", "true");
        FairnessBench bench = new FairnessBench();
        Path data = Files.createTempDirectory("fairness");
        Limits unthrottled = new Limits(100_000, 100_000, 600, 300, List.of());
        try (Server server = Server.start(new Server.Settings(0, data, 100, unthrottled))) {
            bench.port = server.port();
            System.out.println("| abusive rooms | note acks | p50 ms | p99 ms | max ms | acks over 100 ms | rounds answered |");
            System.out.println("|---|---|---|---|---|---|---|");
            System.out.println(bench.run(0, Math.min(seconds, 20)));
            System.out.println(bench.run(rooms, seconds));
        } finally {
            bench.clients.close();
        }
        System.out.println(Machine.describe() + "; load average at the end " + Files.readString(Path.of("/proc/loadavg")).trim());
        System.exit(0);
    }

    private String run(int abusive, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong rounds = new AtomicLong();
        List<WebSocket> opened = new ArrayList<>();
        Random random = new Random(abusive);
        // Every room and socket first: once rounds run, a handshake may wait as long as a note.
        List<List<WebSocket>> rooms = new ArrayList<>();
        for (int r = 0; r < abusive; r++) {
            JsonNode room = post(bigAgenda());
            String id = room.get("roomId").asText();
            List<WebSocket> parties = new ArrayList<>();
            for (String party : List.of("p1", "p2", "p3")) {
                parties.add(connect(id, room.at("/invites/" + party).asText()));
            }
            opened.addAll(parties);
            rooms.add(parties);
        }
        JsonNode normal = post("""
                {"title": "an unrelated room", "parties": ["buyer", "seller"],
                 "issues": [{"id": "price", "label": "Price", "range": {"min": 4800, "max": 5600, "step": 100}}]}""");
        WebSocket buyer = connect(normal.get("roomId").asText(), normal.at("/invites/buyer").asText());
        for (List<WebSocket> parties : rooms) {
            Map<String, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
            for (WebSocket socket : parties) {
                socket.textMessageHandler(text -> answer(answers, text));
            }
            // Not waited for here: on a starved server the first answers can take minutes.
            CompletableFuture<JsonNode> first = send(parties.get(0), answers, "submitInterests", interests(random));
            CompletableFuture<JsonNode> second = send(parties.get(1), answers, "submitInterests", interests(random));
            String resubmission = interests(random);
            WebSocket last = parties.get(2);
            Runnable[] loop = new Runnable[1];
            loop[0] = () -> {
                if (!stop.get()) {
                    send(last, answers, "submitInterests", resubmission).whenComplete((a, e) -> {
                        rounds.incrementAndGet();
                        loop[0].run();
                    });
                }
            };
            CompletableFuture.allOf(first, second).thenRun(loop[0]);
        }
        Map<String, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
        opened.add(buyer);
        buyer.textMessageHandler(text -> answer(answers, text));
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long roundsBefore = rounds.get();
        int acks = 0;
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            JsonNode answer = send(buyer, answers, "note", JSON.writeValueAsString("still here " + acks))
                    .get(5, TimeUnit.MINUTES);
            if (!"ack".equals(answer.path("type").asText())) {
                throw new IllegalStateException("the note was refused: " + answer);
            }
            long took = System.nanoTime() - start;
            latency.recordValue(Math.max(1, took / 1000));
            if (SHOW_SLOW && took >= TimeUnit.MILLISECONDS.toNanos(40)) {
                // on the JVM's uptime, as -Xlog's "uptime" decoration, to line up with the collector's pauses
                System.err.printf(Locale.ROOT, "slow ack %d ms ending at uptime %.3f s (abusive %d)%n",
                        took / 1_000_000, ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0, abusive);
            }
            acks++;
            Thread.sleep(100);
        }
        stop.set(true);
        long answered = rounds.get() - roundsBefore;
        for (WebSocket socket : opened) {
            socket.close();
        }
        long over100 = latency.getTotalCount() - latency.getCountBetweenValues(0, TimeUnit.MILLISECONDS.toMicros(100));
        return String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f | %d | %d |", abusive, acks,
                latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                latency.getMaxValue() / 1000.0, over100, answered);
    }

    private static void answer(Map<String, CompletableFuture<JsonNode>> answers, String text) {
        try {
            JsonNode message = JSON.readTree(text);
            String type = message.path("type").asText();
            if ("ack".equals(type) || "error".equals(type)) {
                CompletableFuture<JsonNode> waiting = answers.remove(message.path("id").asText());
                if (waiting != null) {
                    waiting.complete(message);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final AtomicLong IDS = new AtomicLong();

    /** Sends a command whose one member is given as JSON text, and returns its answer. */
    private CompletableFuture<JsonNode> send(WebSocket socket, Map<String, CompletableFuture<JsonNode>> answers,
                                             String type, String memberJson) {
        String id = "c" + IDS.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(id, answer);
        String member = type.equals("note") ? "text" : "interests";
        socket.writeTextMessage("{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"" + member + "\":" + memberJson + "}");
        return answer;
    }

    private WebSocket connect(String roomId, String token) throws Exception {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setPort(port).setHost("localhost")
                .setURI("/ws/rooms/" + roomId + "?token=" + token);
        return sockets.connect(options).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private JsonNode post(String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/rooms"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("room not created: " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String bigAgenda() throws Exception {
        ObjectNode agenda = JSON.createObjectNode().put("title", "an abusive room");
        agenda.putArray("parties").add("p1").add("p2").add("p3");
        ArrayNode issues = agenda.putArray("issues");
        for (int i = 0; i < ISSUES; i++) {
            ObjectNode issue = issues.addObject().put("id", "i" + i).put("label", "issue " + i);
            ArrayNode options = issue.putArray("options");
            for (int o = 0; o < OPTIONS; o++) {
                options.add("o" + o);
            }
        }
        return JSON.writeValueAsString(agenda);
    }

    private static String interests(Random random) throws Exception {
        ObjectNode interests = JSON.createObjectNode();
        ObjectNode weights = interests.putObject("weights");
        ObjectNode values = interests.putObject("values");
        for (int i = 0; i < ISSUES; i++) {
            weights.put("i" + i, 2);
            ObjectNode byOption = values.putObject("i" + i);
            for (int o = 0; o < OPTIONS; o++) {
                byOption.put("o" + o, random.nextInt(101));
            }
        }
        interests.put("floor", 0).put("aspiration", 8000);
        return JSON.writeValueAsString(interests);
    }
}
