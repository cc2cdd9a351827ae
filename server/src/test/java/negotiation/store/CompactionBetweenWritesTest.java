package negotiation.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import negotiation.commands.AddNote;
import negotiation.commands.CreateRoom;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2's file compaction never runs while a write is in flight. A pass beside uncommitted changes
 * could leave, after a {@code kill -9}, rows of a transaction that never committed, which then
 * blocked that room's next append until H2's lock timeout (the defect CrashSafetyIT met about
 * one run in seven; see {@link H2FileCompaction}).
 */
class CompactionBetweenWritesTest {
    static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path data;

    @Test
    void aCompactionPassWaitsForTheCommandInFlight() throws Exception {
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            store.send(new CreateRoom("room", "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
            List<Boolean> passDuringCommand = new ArrayList<>();
            // Told on the command's own thread, inside its unit of work, before send returns.
            store.onCommitted((room, events) -> passDuringCommand.add(CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            return store.compactNow();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .orTimeout(30, TimeUnit.SECONDS)
                    .join()));
            store.send(new AddNote("room", "anna", "a note", AT), "request-1");
            assertEquals(List.of(false), passDuringCommand, "a pass ran while the command was in flight");
            assertTrue(store.compactNow(), "a pass runs once no write is in flight");
        }
    }

    /**
     * A command is handled (a round computes, for seconds) before it writes anything: a pass
     * waiting for it would make every other room's writes wait behind the pass.
     */
    @Test
    void aPassDoesNotWaitForACommandWhileItIsHandled() throws Exception {
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            store.send(new CreateRoom("room", "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
            List<Boolean> passWhileHandled = new ArrayList<>();
            // Runs inside the command's unit of work, where its handler runs, before anything is appended.
            store.commandBus().registerHandlerInterceptor((unitOfWork, chain) -> {
                passWhileHandled.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return store.compactNow();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).orTimeout(30, TimeUnit.SECONDS).join());
                return chain.proceed();
            });
            assertEquals(2, store.send(new AddNote("room", "anna", "a note", AT), "request-1"));
            assertEquals(List.of(true), passWhileHandled, "a pass waited for a command that had not written yet");
        }
    }

    @Test
    void commandsGoOnAfterAPass() throws Exception {
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            store.send(new CreateRoom("room", "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
            assertTrue(store.compactNow());
            assertEquals(2, store.send(new AddNote("room", "anna", "a note", AT), "request-1"));
            assertFalse(store.read("room", 0).isEmpty());
        }
    }
}
