package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import negotiation.Json;
import negotiation.Server;
import negotiation.commands.Accept;
import negotiation.commands.AddNote;
import negotiation.commands.CreateRoom;
import negotiation.commands.MakeOffer;
import negotiation.events.Package;
import negotiation.room.AgendaRules;
import negotiation.store.AxonRoomStore;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.HttpAnswer;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agreement (JSON and Markdown) and the NDJSON export of a large room are folded, presented
 * and encoded on the store workers, never on a Vert.x event loop. A sampler reads the
 * stacks of the in-process server's threads while the requests run: the answer-building code
 * must show up on worker threads (so the sampler does see the work) and never on an event loop.
 */
@ExtendWith(BlockedThreadWatch.class)
class AnswersOffTheEventLoopTest {
    static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");
    /** Enough events that one answer takes milliseconds to build, so samples catch it. */
    static final int NOTES = 1_000;
    /** Samples of the building code, per endpoint, that must be seen before the verdict. */
    static final int SAMPLES_WANTED = 5;
    /** The code that folds, presents and encodes a room's history into an answer. */
    static final Set<String> BUILDING = Set.of("negotiation.readmodel.RoomView", "negotiation.readmodel.Visibility",
            "negotiation.mediation.ExportFile", "negotiation.rendering.AgreementDocument", "negotiation.web.WebJson");

    @TempDir
    Path data;

    @Test
    void theAgreementAndTheExportOfALargeRoomAreBuiltOffTheEventLoop() throws Exception {
        Map<String, String> tokens = fillRoom("big");
        Limits unhurried = new Limits(1_000, 1_000, 90, 30, List.of());
        try (Server server = Server.start(new Server.Settings(0, data, 100, unhurried));
             RoomClient client = new RoomClient(server.port());
             Sampler sampler = new Sampler()) {
            Map<String, String> endpoints = new LinkedHashMap<>();
            endpoints.put("export", "/api/rooms/big/export");
            endpoints.put("agreement", "/api/rooms/big/agreement");
            endpoints.put("agreement md", "/api/rooms/big/agreement?format=md");
            for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
                sampler.requesting = endpoint.getKey();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (sampler.onWorkers(endpoint.getKey()) < SAMPLES_WANTED && sampler.onEventLoop.isEmpty()
                        && System.nanoTime() < deadline) {
                    HttpAnswer answer = client.get(endpoint.getValue(), tokens.get("anna"));
                    assertEquals(200, answer.status(), answer.body());
                    if (endpoint.getKey().equals("export")) {
                        String[] lines = answer.body().split("\n");
                        assertEquals(Json.MAPPER.readTree(lines[0]).get("seq").asInt() + 1, lines.length,
                                "a header and one line per event");
                    }
                }
                sampler.requesting = null;
                assertTrue(sampler.onEventLoop.isEmpty(), "built on an event loop: "
                        + sampler.onEventLoop.subList(0, Math.min(5, sampler.onEventLoop.size())));
                assertTrue(sampler.onWorkers(endpoint.getKey()) >= SAMPLES_WANTED,
                        "the sampler never caught " + endpoint.getKey() + " being built; it proves nothing");
            }
        }
    }

    /**
     * A room with an agreement after {@value #NOTES} notes, written through the real store before
     * the server starts (a socket would take minutes); returns the invite token of each role.
     */
    Map<String, String> fillRoom(String roomId) {
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String role : List.of("anna", "beth", AgendaRules.MEDIATOR)) {
            tokens.put(role, Invites.newToken());
            hashes.put(role, Invites.hash(tokens.get(role)));
        }
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            store.send(new CreateRoom(roomId, AgendaRules.MEDIATOR, Scenarios.agenda("orange"), hashes, AT), null);
            for (int i = 0; i < NOTES; i++) {
                store.send(new AddNote(roomId, i % 2 == 0 ? "anna" : "beth", "note " + i, AT), null);
            }
            store.send(new MakeOffer(roomId, "anna", Package.of(Map.of("juice", "anna", "peel", "beth")), null, AT), null);
            store.send(new Accept(roomId, "beth", "o1", AT), null);
        }
        return tokens;
    }

    /** Samples every thread's stack every millisecond, sorting frames of {@link #BUILDING} by thread kind. */
    static final class Sampler implements AutoCloseable {
        volatile String requesting;
        final List<String> onEventLoop = new CopyOnWriteArrayList<>();
        private final Map<String, AtomicInteger> onWorkers = new ConcurrentHashMap<>();
        private final Thread thread = new Thread(this::run, "event-loop-sampler");
        private volatile boolean running = true;

        Sampler() {
            thread.setDaemon(true);
            thread.start();
        }

        int onWorkers(String endpoint) {
            return onWorkers.computeIfAbsent(endpoint, e -> new AtomicInteger()).get();
        }

        private void run() {
            while (running) {
                String endpoint = requesting;
                for (Map.Entry<Thread, StackTraceElement[]> stack : Thread.getAllStackTraces().entrySet()) {
                    StackTraceElement building = building(stack.getValue());
                    if (endpoint == null || building == null) {
                        continue;
                    }
                    String name = stack.getKey().getName();
                    if (name.startsWith("vert.x-eventloop-thread-")) {
                        onEventLoop.add(endpoint + ": " + building + " on " + name);
                    } else {
                        onWorkers.computeIfAbsent(endpoint, e -> new AtomicInteger()).incrementAndGet();
                    }
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private static StackTraceElement building(StackTraceElement[] frames) {
            for (StackTraceElement frame : frames) {
                if (BUILDING.contains(frame.getClassName())) {
                    return frame;
                }
            }
            return null;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }
    }
}
