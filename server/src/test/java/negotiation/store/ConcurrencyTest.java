package negotiation.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import negotiation.commands.Accept;
import negotiation.commands.CreateRoom;
import negotiation.commands.MakeOffer;
import negotiation.events.AgreementReached;
import negotiation.events.NoteAdded;
import negotiation.events.OfferMade;
import negotiation.events.Package;
import negotiation.history.LoggedEvent;
import negotiation.room.RoomRejection;
import negotiation.support.Scenarios;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Racing commands on one room give one consistent order; a racing append is a conflict, never a lost or doubled event. */
class ConcurrencyTest {
    static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path data;

    @Test
    void twoPartiesAcceptingAtTheSameMomentReachOneAgreement() throws Exception {
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 10; round++) {
                    String room = "race" + round;
                    store.send(new CreateRoom(room, "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
                    store.send(new MakeOffer(room, "anna", Package.of(Map.of("juice", "anna", "peel", "beth")), null, AT), null);
                    store.send(new MakeOffer(room, "beth", Package.of(Map.of("juice", "half each", "peel", "beth")), null, AT), null);
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<Long>> racers = new ArrayList<>();
                    racers.add(pool.submit(() -> {
                        start.await();
                        return store.send(new Accept(room, "beth", "o1", AT), null);
                    }));
                    racers.add(pool.submit(() -> {
                        start.await();
                        return store.send(new Accept(room, "anna", "o2", AT), null);
                    }));
                    start.countDown();
                    List<Long> acks = new ArrayList<>();
                    for (Future<Long> racer : racers) {
                        acks.add(racer.get());
                    }
                    List<LoggedEvent> log = store.read(room, 0);
                    // each agreement is followed by its improvement round in the same command
                    assertEquals(9, log.size(), "two accepts, two agreements, nothing lost or doubled");
                    for (int i = 0; i < log.size(); i++) {
                        assertEquals(i + 1, log.get(i).seq());
                    }
                    assertEquals(2, log.stream().filter(e -> e.event() instanceof AgreementReached).count());
                    assertEquals(List.of(6L, 9L), acks.stream().sorted().toList(), "each accept acked with its own seq");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void anAppendRacingForATakenSeqIsAConcurrencyConflict() throws Exception {
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            store.send(new CreateRoom("room", "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
            store.send(new negotiation.commands.AddNote("room", "anna", "first", AT), null);
            // What a second node would do if it appended seq 2 at the same moment.
            var duplicate = new GenericDomainEventMessage<>("RoomAggregate", "room", 1, new NoteAdded("room", "beth", "x", AT));
            assertThrows(ConcurrencyException.class, () -> store.storage().appendEvents(duplicate));
            assertEquals(2, store.read("room", 0).size());
            assertEquals("first", ((NoteAdded) store.read("room", 0).get(1).event()).text(), "the first append stands");
            RoomRejection conflict = (RoomRejection) StoreFailures.translate(new ConcurrencyException("raced"));
            assertEquals("conflict", conflict.code());
        }
    }

    @Test
    void aRoomCachedInMemoryThatFallsBehindTheStoreIsReloadedAndTheCommandRetried() throws Exception {
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            store.send(new CreateRoom("room", "mediator", Scenarios.agenda("orange"), Map.of(), AT), null);
            store.send(new MakeOffer("room", "anna", Package.of(Map.of("juice", "anna", "peel", "beth")), null, AT), null);
            // Another writer appends seq 3: the room kept in memory after seq 2 no longer matches the store.
            store.storage().appendEvents(new GenericDomainEventMessage<>("RoomAggregate", "room", 2,
                    new NoteAdded("room", "beth", "behind the cache", AT)));
            // The stale room appends its offer o2 at seq 3 and conflicts. Were the room, with that
            // rolled-back offer applied in memory, kept, the retry would number the offer o3.
            assertEquals(4, store.send(new MakeOffer("room", "anna", Package.of(Map.of("juice", "beth", "peel", "anna")), null, AT), null));
            List<LoggedEvent> log = store.read("room", 0);
            assertEquals(4, log.size());
            assertEquals("o2", ((OfferMade) log.get(3).event()).ref(), "the retry ran on the room reloaded from the store");
        }
    }
}
