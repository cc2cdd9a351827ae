package negotiation.hardening;

import negotiation.support.ServerProcess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import negotiation.Json;
import negotiation.support.DataDirectories;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability under {@code kill -9}: the real jar runs as a child process; 8 clients (buyer and
 * seller of 4 rooms) send notes, offers, accepts, rejects and interests as fast as acks come
 * back; the process is killed with SIGKILL at seeded random moments and restarted on the same
 * data directory. After every restart each room's log must hold every acknowledged command's
 * events exactly once, at the acknowledged seq, in the order sent, with gapless seqs, only
 * complete events of known kinds, and every multi-event command whole (an accept that reaches
 * agreement has its AgreementReached, a completed round its ProposalsComputed) or absent.
 *
 * <p>Run alone: {@code mvn -B -o -pl server -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=CrashSafetyIT} (add {@code -Dcrash.seed=N} to replay a seed). By default the server runs
 * 1-3.5 s between kills, never long enough for H2 to reuse the space of chunks it freed (45 s
 * after they were written); {@code -Dcrash.cycleMillis=55000} lets it run 55-65 s between kills,
 * with the room limits raised so that the writers are not refused, about 6 minutes in all
 * (docs/performance.md, "The store file under load").
 */
class CrashSafetyIT {
    static final long SEED = Long.getLong("crash.seed", System.nanoTime());
    /** How long the server runs between kills, at least; 0 for 1-3.5 s. */
    static final long CYCLE_MILLIS = Long.getLong("crash.cycleMillis", 0);
    /** Long cycles write more than a room's limits allow (50 open offers and trades, for one). */
    static final List<String> ROOM_LIMITS_RAISED = CYCLE_MILLIS == 0 ? List.of() : List.of(
            "-Dnegotiation.room.maxOpenDeals=1000000", "-Dnegotiation.room.maxNotes=1000000",
            "-Dnegotiation.room.maxSuggestions=1000000", "-Dnegotiation.room.maxEvents=100000000",
            "-Dnegotiation.room.maxBytes=2000000000");
    static final int ROOMS = 4;
    static final int KILLS = 4;
    /** The writers go as fast as acks come back: the per-token rate limit would only slow them down. */
    static final String[] NO_RATE_LIMIT = {"--rate-limit", "1000000", "--burst", "1000000"};
    static final List<String> PARTIES = List.of("buyer", "seller");
    static final Set<String> KINDS = Set.of("RoomCreated", "InterestsSubmitted", "ProposalsComputed", "OfferMade",
            "TradeProposed", "Accepted", "Rejected", "AgreementReached", "NoteAdded", "InterestsUnsealed");

    @TempDir
    Path temp;

    @Test
    void everyAcknowledgedCommandSurvivesKillMinus9ExactlyOnce() throws Exception {
        Path jar = Path.of(System.getProperty("room.server.jar", "target/room-server.jar"));
        assertTrue(Files.isRegularFile(jar), "the packaged server is missing: " + jar);
        Path data = temp.resolve("data");
        Random random = new Random(SEED);
        String context = "seed " + SEED + " (rerun with -Dcrash.seed=" + SEED + ")";
        List<Room> rooms = new ArrayList<>();
        List<String> killLog = new ArrayList<>();
        List<String> repaired = new ArrayList<>();
        long started = System.nanoTime();

        ServerProcess server = ServerProcess.jar(jar, ROOM_LIMITS_RAISED, data, temp.resolve("server-0.log"), NO_RATE_LIMIT);
        try {
            try (RoomClient client = new RoomClient(server.port())) {
                for (int r = 0; r < ROOMS; r++) {
                    HttpAnswer created = client.post("/api/rooms", Scenarios.text("pos-system"));
                    assertEquals(201, created.status(), created.body());
                    rooms.add(new Room(r, created.json().get("roomId").asText(), created.json().get("invites")));
                }
            }
            for (int cycle = 0; cycle <= KILLS; cycle++) {
                List<Writer> writers = new ArrayList<>();
                AtomicBoolean killed = new AtomicBoolean();
                try (RoomClient client = new RoomClient(server.port())) {
                    for (Room room : rooms) {
                        for (String party : PARTIES) {
                            writers.add(new Writer(client, room, party, cycle, new Random(random.nextLong()), killed));
                        }
                    }
                    writers.forEach(Thread::start);
                    long runFor = CYCLE_MILLIS > 0 ? CYCLE_MILLIS + random.nextInt(10_000)
                            : 1000 + random.nextInt(2500);
                    Thread.sleep(runFor);
                    if (cycle < KILLS) {
                        int acked = rooms.stream().mapToInt(room -> room.acked.size()).sum();
                        killLog.add("kill " + (cycle + 1) + " after " + runFor + " ms (" + acked + " acks so far)");
                        killed.set(true);
                        server.kill();
                    } else {
                        writers.forEach(Writer::finish);
                    }
                    for (Writer writer : writers) {
                        writer.join(30_000);
                        assertTrue(!writer.isAlive(), "a writer is stuck; " + context);
                        if (writer.failure != null) {
                            throw new AssertionError("a writer failed; " + context + ": " + writer.failure
                                    + "\nthe server's warnings:\n" + server.warnings(), writer.failure);
                        }
                    }
                }
                if (cycle < KILLS) {
                    server = ServerProcess.jar(jar, ROOM_LIMITS_RAISED, data,
                            temp.resolve("server-" + (cycle + 1) + ".log"), NO_RATE_LIMIT);
                    // What the store repaired of the kill (H2Leftovers), for the summary below.
                    server.warnings().lines().filter(line -> line.contains("crash interrupted"))
                            .forEach(line -> repaired.add("restart " + killLog.size()));
                }
                try (RoomClient client = new RoomClient(server.port())) {
                    for (Room room : rooms) {
                        room.verify(client, context + ", after cycle " + cycle + ", " + killLog);
                    }
                }
            }
            try (RoomClient client = new RoomClient(server.port())) {
                for (Room room : rooms) {
                    room.verifyWebSocketReplay(client, context);
                }
            }
        } catch (AssertionError | RuntimeException e) {
            keepForInspection(server, temp);
            throw e;
        } finally {
            server.kill();
        }
        int acks = rooms.stream().mapToInt(room -> room.acked.size()).sum();
        int unknown = rooms.stream().mapToInt(room -> room.unknown.size()).sum();
        System.out.printf("CrashSafetyIT: %s, %d kills, %d acknowledged commands, %d in flight at a kill, %d events,"
                        + " interrupted commits completed at %s, %.1f s%n",
                context, KILLS, acks, unknown, rooms.stream().mapToInt(room -> room.lastEvents.size()).sum(),
                repaired.isEmpty() ? "no restart" : repaired, (System.nanoTime() - started) / 1e9);
        assertTrue(acks > 100, "too few acknowledged commands to mean anything: " + acks + "; " + context);
    }

    /**
     * With {@code -Dcrash.keep=DIR}, a failed run's data directory and server logs are copied
     * under DIR (the server is killed first, as in the test), for a look at the H2 file.
     */
    private static void keepForInspection(ServerProcess server, Path temp) throws InterruptedException {
        String keep = System.getProperty("crash.keep");
        if (keep == null) {
            return;
        }
        server.kill();
        Path target = Path.of(keep).resolve("crash-" + SEED);
        try {
            Files.createDirectories(target);
            DataDirectories.copy(temp, target);
            System.out.println("CrashSafetyIT: the failed run's files are kept in " + target);
        } catch (IOException e) {
            System.out.println("CrashSafetyIT: could not keep the failed run's files: " + e);
        }
    }

    /** One command a writer sent: what it was, and the seq of its ack if one came. */
    record Sent(String kind, String party, String tag, String ref, int writer, int order, long seq) {
    }

    /** A room, the commands sent to it, and the log seen at the last check. */
    static final class Room {
        final int index;
        final String id;
        final JsonNode invites;
        final AtomicInteger ackedOffers = new AtomicInteger();
        final List<Sent> acked = new CopyOnWriteArrayList<>();
        final List<Sent> unknown = new CopyOnWriteArrayList<>();
        final List<Sent> refused = new CopyOnWriteArrayList<>();
        List<JsonNode> lastEvents = List.of();

        Room(int index, String id, JsonNode invites) {
            this.index = index;
            this.id = id;
            this.invites = invites;
        }

        String token(String role) {
            return invites.get(role).asText();
        }

        void verify(RoomClient client, String context) {
            String where = "room " + id + ", " + context;
            HttpAnswer answer = client.get("/api/rooms/" + id + "/events?after=0", token("buyer"));
            assertEquals(200, answer.status(), where + ": " + answer.body());
            List<JsonNode> events = new ArrayList<>();
            answer.json().forEach(events::add);
            Log log = new Log(events, where);
            // Nothing seen at the last check (committed, so durable) has gone or changed.
            assertTrue(events.size() >= lastEvents.size(), where + ": the log shrank from " + lastEvents.size()
                    + " to " + events.size() + " events");
            for (int i = 0; i < lastEvents.size(); i++) {
                assertEquals(lastEvents.get(i), events.get(i), where + ": event " + (i + 1) + " changed after a restart");
            }
            log.checkAcknowledged(acked, unknown, refused);
            JsonNode view = client.get("/api/rooms/" + id, token("mediator")).json();
            assertEquals(events.size(), view.get("seq").asLong(), where + ": the room view's seq");
            lastEvents = events;
        }

        /** The WebSocket replay (hello after 0) shows the same events as HTTP. */
        void verifyWebSocketReplay(RoomClient client, String context) throws Exception {
            List<JsonNode> frames = new CopyOnWriteArrayList<>();
            CompletableFuture<JsonNode> ack = new CompletableFuture<>();
            RoomClient.Live socket = client.connectLive(id, token("buyer"), text -> {
                try {
                    JsonNode frame = Json.MAPPER.readTree(text);
                    if (frame.path("type").asText().equals("event")) {
                        frames.add(frame);
                    } else {
                        ack.complete(frame);
                    }
                } catch (IOException e) {
                    ack.completeExceptionally(e);
                }
            }, () -> ack.completeExceptionally(new IOException("closed")));
            socket.send("{\"id\": \"replay\", \"type\": \"hello\", \"after\": 0}");
            JsonNode answer = ack.get(20, TimeUnit.SECONDS);
            String where = "room " + id + ", " + context;
            assertEquals("ack", answer.path("type").asText(), where + ": " + answer);
            assertEquals(lastEvents.size(), answer.get("seq").asLong(), where);
            assertEquals(lastEvents, frames, where + ": the WebSocket replay differs from HTTP events");
            socket.close();
        }
    }

    /**
     * A room log as a party (the buyer) sees it, checked event by event: gapless seqs, complete
     * events of known kinds, and a fold of the room's rules that knows which events a command
     * must append together. {@code commandEnd[seq]} is the seq of the last event of the
     * command that appended event seq.
     */
    static final class Log {
        final List<JsonNode> events;
        final String where;
        final long[] commandEnd;

        Log(List<JsonNode> events, String where) {
            this.events = events;
            this.where = where;
            this.commandEnd = new long[events.size() + 1];
            fold();
        }

        JsonNode at(long seq) {
            return events.get((int) seq - 1);
        }

        private void fold() {
            Map<String, Map<String, Boolean>> answers = new HashMap<>();
            Map<String, Integer> versions = new HashMap<>();
            Set<String> submittedSinceRound = new HashSet<>();
            int offers = 0;
            int round = 0;
            String agreedRef = null;
            for (int i = 0; i < events.size(); i++) {
                JsonNode event = events.get(i);
                long seq = i + 1;
                String what = where + ", seq " + seq + ": " + event;
                assertEquals(seq, event.path("seq").asLong(-1), "gapless seqs from 1; " + what);
                assertTrue(KINDS.contains(event.path("kind").asText()), "a known kind; " + what);
                assertTrue(event.path("data").isObject(), "complete data; " + what);
                Instant.parse(event.path("at").asText());
                JsonNode data = event.get("data");
                String kind = event.get("kind").asText();
                assertEquals(seq == 1, kind.equals("RoomCreated"), "RoomCreated first and only first; " + what);
                String party = data.path("party").asText();
                if (!kind.equals("RoomCreated") && !kind.equals("ProposalsComputed") && !kind.equals("AgreementReached")) {
                    assertTrue(PARTIES.contains(party), "a party; " + what);
                }
                commandEnd[(int) seq] = seq;
                switch (kind) {
                    case "RoomCreated" -> assertEquals("Point-of-sale system for a boutique", data.path("title").asText(), what);
                    case "InterestsSubmitted" -> {
                        int version = versions.merge(party, 1, Integer::sum);
                        assertEquals(version, data.path("version").asInt(), "interest versions count up; " + what);
                        submittedSinceRound.add(party);
                        if (submittedSinceRound.containsAll(PARTIES)) {
                            JsonNode next = expectNext(seq, "ProposalsComputed", "a completed round computes proposals");
                            assertTrue(next.get("data").path("improves").isMissingNode(), what);
                            assertEquals(round + 1, next.get("data").path("round").asInt(), what);
                            commandEnd[(int) seq] = seq + 1;
                        }
                    }
                    case "ProposalsComputed" -> {
                        JsonNode previous = seq > 1 ? at(seq - 1) : null;
                        String improves = data.path("improves").asText(null);
                        if (improves == null) {
                            assertTrue(previous != null && previous.get("kind").asText().equals("InterestsSubmitted")
                                    && submittedSinceRound.containsAll(PARTIES), "a round follows the last submission; " + what);
                            round = data.path("round").asInt();
                            submittedSinceRound.clear();
                        } else {
                            assertTrue(previous != null && previous.get("kind").asText().equals("AgreementReached")
                                    && previous.get("data").path("ref").asText().equals(improves),
                                    "an improvement follows its agreement; " + what);
                        }
                        commandEnd[(int) seq] = commandEnd[(int) seq - 1];
                        JsonNode packages = data.path("packages");
                        assertTrue(packages.isArray() && packages.size() >= (data.path("zopa").asBoolean() ? 1 : 0), what);
                        for (JsonNode proposal : packages) {
                            answers.put(proposal.path("ref").asText(), new HashMap<>());
                        }
                    }
                    case "OfferMade" -> {
                        offers++;
                        assertEquals("o" + offers, data.path("ref").asText(), "offer refs count up; " + what);
                        assertEquals(4, data.path("package").size(), "a whole package; " + what);
                        answers.computeIfAbsent(data.get("ref").asText(), r -> new HashMap<>()).put(party, true);
                    }
                    case "Accepted" -> {
                        String ref = data.path("ref").asText();
                        assertTrue(answers.containsKey(ref), "accepts a known ref; " + what);
                        answers.get(ref).put(party, true);
                        boolean everyone = PARTIES.stream().allMatch(p -> Boolean.TRUE.equals(answers.get(ref).get(p)));
                        if (!ref.equals(agreedRef) && everyone) {
                            JsonNode agreement = expectNext(seq, "AgreementReached",
                                    "an accept that completes an agreement appends it in the same command");
                            assertEquals(ref, agreement.get("data").path("ref").asText(), what);
                            commandEnd[(int) seq] = seq + 1;
                            // every agreement is followed by its improvement round, found or not
                            expectNext(seq + 1, "ProposalsComputed", "an agreement is followed by its improvement round");
                            commandEnd[(int) seq] = seq + 2;
                        }
                    }
                    case "AgreementReached" -> {
                        JsonNode previous = at(seq - 1);
                        String ref = data.path("ref").asText();
                        assertTrue(previous.get("kind").asText().equals("Accepted")
                                && previous.get("data").path("ref").asText().equals(ref)
                                && commandEnd[(int) seq - 1] >= seq, "an agreement only right after the accept that completes it; " + what);
                        assertEquals(4, data.path("package").size(), what);
                        agreedRef = ref;
                        commandEnd[(int) seq] = commandEnd[(int) seq - 1];
                    }
                    case "Rejected" -> {
                        String ref = data.path("ref").asText();
                        assertTrue(answers.containsKey(ref), "rejects a known ref; " + what);
                        answers.get(ref).put(party, false);
                    }
                    case "NoteAdded" -> assertTrue(data.path("text").asText().startsWith("w"), what);
                    default -> throw new AssertionError("this test sends no command that appends " + what);
                }
            }
        }

        private JsonNode expectNext(long seq, String kind, String rule) {
            assertTrue(seq < events.size(), where + ": half-written command: " + rule + ", but the log ends at seq "
                    + seq + " (" + at(seq) + ")");
            JsonNode next = at(seq + 1);
            assertEquals(kind, next.get("kind").asText(), where + ": " + rule + "; seq " + (seq + 1) + ": " + next);
            return next;
        }

        void checkAcknowledged(List<Sent> acked, List<Sent> unknown, List<Sent> refused) {
            Map<String, List<Long>> tagged = new HashMap<>();
            Map<String, Integer> accepts = new HashMap<>();
            Map<String, Integer> submissions = new HashMap<>();
            for (JsonNode event : events) {
                JsonNode data = event.get("data");
                String tag = switch (event.get("kind").asText()) {
                    case "NoteAdded" -> data.path("text").asText();
                    case "OfferMade" -> data.path("terms").path(0).path("if").asText();
                    case "Rejected" -> data.path("reason").asText();
                    default -> null;
                };
                if (tag != null) {
                    tagged.computeIfAbsent(tag, t -> new ArrayList<>()).add(event.get("seq").asLong());
                }
                if (event.get("kind").asText().equals("Accepted")) {
                    accepts.merge(data.path("party").asText(), 1, Integer::sum);
                }
                if (event.get("kind").asText().equals("InterestsSubmitted")) {
                    submissions.merge(data.path("party").asText(), 1, Integer::sum);
                }
            }
            Set<String> sentTags = new HashSet<>();
            Map<String, int[]> untagged = new HashMap<>();
            Set<Long> ackSeqs = new HashSet<>();
            Map<Integer, Long> lastSeqOfWriter = new HashMap<>();
            List<Sent> inOrder = new ArrayList<>(acked);
            inOrder.sort((a, b) -> a.writer() != b.writer() ? Integer.compare(a.writer(), b.writer())
                    : Integer.compare(a.order(), b.order()));
            for (Sent sent : inOrder) {
                String what = where + ": acknowledged " + sent;
                assertTrue(sent.seq() >= 1 && sent.seq() <= events.size(), "the acked seq is in the log; " + what);
                assertTrue(ackSeqs.add(sent.seq()), "two acks with one seq; " + what);
                Long previous = lastSeqOfWriter.put(sent.writer(), sent.seq());
                assertTrue(previous == null || previous < sent.seq(), "in the order sent; " + what);
                JsonNode last = at(sent.seq());
                assertEquals(sent.seq(), commandEnd[(int) sent.seq()], "the ack names the command's last event; " + what
                        + " but that is " + last);
                if (sent.tag() != null) {
                    sentTags.add(sent.tag());
                    List<Long> seqs = tagged.getOrDefault(sent.tag(), List.of());
                    assertEquals(List.of(sent.seq()), seqs, "exactly once, at the acked seq; " + what);
                    assertEquals(sent.party(), last.get("data").path("party").asText(), what);
                } else {
                    untagged.computeIfAbsent(sent.kind() + " " + sent.party(), k -> new int[2])[0]++;
                    JsonNode first = firstOfCommand(sent.seq());
                    String expectedKind = sent.kind().equals("accept") ? "Accepted" : "InterestsSubmitted";
                    assertEquals(expectedKind, first.get("kind").asText(), what + "; command starts with " + first);
                    assertEquals(sent.party(), first.get("data").path("party").asText(), what);
                    if (sent.ref() != null) {
                        assertEquals(sent.ref(), first.get("data").path("ref").asText(), what);
                    }
                }
            }
            for (Sent sent : unknown) {
                if (sent.tag() != null) {
                    sentTags.add(sent.tag());
                    assertTrue(tagged.getOrDefault(sent.tag(), List.of()).size() <= 1,
                            where + ": a command in flight at a kill appears at most once: " + sent);
                } else {
                    untagged.computeIfAbsent(sent.kind() + " " + sent.party(), k -> new int[2])[1]++;
                }
            }
            for (Sent sent : refused) {
                if (sent.tag() != null) {
                    sentTags.add(sent.tag());
                    assertTrue(tagged.getOrDefault(sent.tag(), List.of()).isEmpty(),
                            where + ": a refused command appended an event: " + sent);
                }
            }
            for (String tag : tagged.keySet()) {
                assertTrue(sentTags.contains(tag), where + ": an event nobody sent: " + tag);
            }
            for (String party : PARTIES) {
                int[] acc = untagged.getOrDefault("accept " + party, new int[2]);
                int n = accepts.getOrDefault(party, 0);
                assertTrue(n >= acc[0] && n <= acc[0] + acc[1], where + ": " + party + " has " + n
                        + " Accepted events for " + acc[0] + " acked and " + acc[1] + " in-flight accepts");
                int[] sub = untagged.getOrDefault("submitInterests " + party, new int[2]);
                int m = submissions.getOrDefault(party, 0);
                assertTrue(m >= sub[0] && m <= sub[0] + sub[1], where + ": " + party + " has " + m
                        + " InterestsSubmitted for " + sub[0] + " acked and " + sub[1] + " in flight");
            }
        }

        private JsonNode firstOfCommand(long last) {
            long seq = last;
            while (seq > 1 && commandEnd[(int) seq - 1] == last) {
                seq--;
            }
            return at(seq);
        }
    }

    /**
     * One party's client for one server life: sends a command, waits for its answer, sends the
     * next, until the server dies (the socket closes) or it is told to finish.
     */
    static final class Writer extends Thread {
        private static final AtomicInteger IDS = new AtomicInteger();
        private final RoomClient client;
        private final Room room;
        private final String party;
        private final int cycle;
        private final Random random;
        private final int writer;
        /** Set just before this cycle's kill: a connection cut by it is expected, not a failure. */
        private final AtomicBoolean killed;
        private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private volatile boolean finish;
        private volatile boolean closed;
        volatile Throwable failure;
        private int count;

        Writer(RoomClient client, Room room, String party, int cycle, Random random, AtomicBoolean killed) {
            super("writer-" + room.id + "-" + party + "-" + cycle);
            this.client = client;
            this.room = room;
            this.party = party;
            this.cycle = cycle;
            this.random = random;
            this.writer = PARTIES.indexOf(party) + 2 * room.index;
            this.killed = killed;
        }

        void finish() {
            finish = true;
        }

        @Override
        public void run() {
            RoomClient.Live socket;
            try {
                socket = client.connectLive(room.id, room.token(party), this::onText, this::onClose);
            } catch (Throwable e) {
                // On a loaded machine a handshake can still be under way when the kill comes.
                if (!killed.get()) {
                    failure = e;
                }
                return;
            }
            try {
                if (cycle == 0) {
                    // Both parties' interests first, so rounds, utilities and improvements are in play.
                    Sent sent = command("submitInterests");
                    if (!send(socket, sent)) {
                        return;
                    }
                }
                while (!finish && !closed) {
                    if (!send(socket, command(pick()))) {
                        return;
                    }
                }
            } catch (Throwable e) {
                failure = e;
            } finally {
                socket.close();
            }
        }

        private String pick() {
            int dice = random.nextInt(100);
            if (dice < 60 || room.ackedOffers.get() == 0 && dice >= 72 && dice < 95) {
                return "note";
            } else if (dice < 72) {
                return "offer";
            } else if (dice < 90) {
                return "accept";
            } else if (dice < 95) {
                return "reject";
            }
            return "submitInterests";
        }

        private Sent command(String kind) {
            int order = count++;
            String tag = "w" + writer + "-c" + cycle + "-" + order + "-" + IDS.incrementAndGet();
            String ref = kind.equals("accept") || kind.equals("reject")
                    ? "o" + (1 + random.nextInt(room.ackedOffers.get())) : null;
            return new Sent(kind, party, kind.equals("accept") || kind.equals("submitInterests") ? null : tag, ref,
                    writer, cycle * 1_000_000 + order, -1);
        }

        private String frame(Sent sent, String id) {
            ObjectNode message = Json.MAPPER.createObjectNode().put("id", id).put("type", sent.kind());
            switch (sent.kind()) {
                case "note" -> message.put("text", sent.tag());
                case "offer" -> {
                    Map<String, Object> pkg = new LinkedHashMap<>();
                    pkg.put("price", 4800 + 100 * random.nextInt(9));
                    pkg.put("support", List.of("none", "6 months", "1 year").get(random.nextInt(3)));
                    pkg.put("training", List.of("not included", "included").get(random.nextInt(2)));
                    pkg.put("payment", List.of("upfront", "3 instalments over 6 months").get(random.nextInt(2)));
                    message.set("package", Json.MAPPER.valueToTree(pkg));
                    message.set("terms", Json.MAPPER.valueToTree(List.of(Map.of("if", sent.tag(), "then", "noted"))));
                }
                case "accept" -> message.put("ref", sent.ref());
                case "reject" -> message.put("ref", sent.ref()).put("reason", sent.tag());
                case "submitInterests" -> message.set("interests", Scenarios.json("pos-system").at("/interests/" + party));
                default -> throw new IllegalArgumentException(sent.kind());
            }
            return message.toString();
        }

        /** Sends one command and records its outcome; false once the socket is gone. */
        private boolean send(RoomClient.Live socket, Sent sent) throws Exception {
            String id = "c" + sent.order();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            if (closed) {
                answer.completeExceptionally(new IOException("closed"));
            }
            try {
                socket.sendAsync(frame(sent, id)).onFailure(answer::completeExceptionally);
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
            JsonNode reply;
            try {
                reply = answer.get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                room.unknown.add(sent);
                return false;
            }
            if (reply.path("type").asText().equals("ack")) {
                room.acked.add(new Sent(sent.kind(), sent.party(), sent.tag(), sent.ref(), sent.writer(), sent.order(),
                        reply.get("seq").asLong()));
                if (sent.kind().equals("offer")) {
                    room.ackedOffers.incrementAndGet();
                }
                return true;
            }
            String code = reply.path("code").asText();
            if (code.equals("conflict") || code.equals("rate_limited")) {
                room.refused.add(sent);
                if (code.equals("rate_limited")) {
                    Thread.sleep(50);
                }
                return true;
            }
            throw new AssertionError("a valid command was refused: " + frame(sent, id) + " -> " + reply);
        }

        private void onText(String text) {
            JsonNode message;
            try {
                message = Json.MAPPER.readTree(text);
            } catch (IOException e) {
                failure = new AssertionError("the server sent a frame that is not JSON: " + text);
                return;
            }
            CompletableFuture<JsonNode> answer = pending.remove(message.path("id").asText());
            if (answer != null) {
                answer.complete(message);
            }
        }

        private void onClose() {
            closed = true;
            pending.values().forEach(f -> f.completeExceptionally(new IOException("the socket closed")));
        }
    }
}
