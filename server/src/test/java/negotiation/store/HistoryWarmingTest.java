package negotiation.store;

import static negotiation.store.ErasureTest.base;
import static negotiation.store.ErasureTest.bothSubmitted;
import static negotiation.store.ErasureTest.privateData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import negotiation.Server;
import negotiation.commands.AddNote;
import negotiation.commands.CreateRoom;
import negotiation.commands.ErasePrivateData;
import negotiation.commands.SubmitInterests;
import negotiation.events.InterestsSubmitted;
import negotiation.readmodel.RoomHistories;
import negotiation.readmodel.RoomHistories.Warming;
import negotiation.readmodel.RoomHistory;
import negotiation.readmodel.RoomLog;
import negotiation.history.LoggedEvent;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warming after a restart (cold replay): the server loads the histories of the most
 * recently appended rooms in the background, within its bound, so the first read finds them in
 * memory; a read of a room being loaded waits for that load; a warmed history drops what an
 * erasure erased. On the real H2 file store and server; only the store's reads are counted.
 */
@ExtendWith(BlockedThreadWatch.class)
class HistoryWarmingTest {
    @TempDir
    Path data;

    /** The store's reads, counted; the first read of {@code slowRoom} waits for {@code release}. */
    private record GatedLog(RoomLog store, AtomicInteger reads, String slowRoom, CountDownLatch reading,
                            CountDownLatch release) implements RoomLog {
        @Override
        public List<LoggedEvent> read(String roomId, long after) {
            reads.incrementAndGet();
            if (roomId.equals(slowRoom) && reading.getCount() > 0) {
                reading.countDown();
                await(release);
            }
            return store.read(roomId, after);
        }

        @Override
        public List<RoomSize> recentlyAppended(int rooms, long window) {
            return store.recentlyAppended(rooms, window);
        }

        static GatedLog counting(RoomLog store) {
            return new GatedLog(store, new AtomicInteger(), "", new CountDownLatch(0), new CountDownLatch(0));
        }
    }

    /** Rooms a (6 events), b (3), c (2), appended in the order a1-a5, b, c, a6: a, c, b from the most recent. */
    private static void threeRooms(AxonRoomStore store) {
        for (String room : List.of("a", "b", "c")) {
            store.send(new CreateRoom(room, "mediator", Scenarios.agenda("orange"), Map.of(), CommittedHistoryTest.AT), null);
            int notes = room.equals("a") ? 4 : room.equals("b") ? 2 : 1;
            for (int i = 0; i < notes; i++) {
                store.send(new AddNote(room, "anna", "note " + i, CommittedHistoryTest.AT), null);
            }
        }
        store.send(new AddNote("a", "beth", "the last", CommittedHistoryTest.AT), null);
    }

    @Test
    void theMostRecentlyAppendedRoomsAreWarmedWithinTheBound() {
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            threeRooms(store);
            assertEquals(List.of(new RoomLog.RoomSize("a", 6), new RoomLog.RoomSize("c", 2), new RoomLog.RoomSize("b", 3)),
                    store.recentlyAppended(10, 100));

            GatedLog log = GatedLog.counting(store);
            RoomHistories histories = new RoomHistories(log, false);
            RoomHistories.Warmed two = histories.warm(new Warming(2, 100), () -> false);
            assertEquals(List.of("a", "c"), two.rooms(), "the two most recently appended rooms");
            assertEquals(8, two.events());
            assertEquals(2, log.reads().get());
            assertEquals(6, histories.current("a").orElseThrow().lastSeq());
            assertEquals(2, histories.current("c").orElseThrow().lastSeq());
            assertEquals(2, log.reads().get(), "a warmed room's first read finds it in memory");
            assertEquals(3, histories.current("b").orElseThrow().lastSeq());
            assertEquals(3, log.reads().get(), "a room the warming left out is read on its first use");

            RoomHistories fewEvents = new RoomHistories(GatedLog.counting(store), false);
            assertEquals(List.of("c", "b"), fewEvents.warm(new Warming(10, 5), () -> false).rooms(),
                    "a room longer than what is left of the event bound is skipped; shorter ones still fit");
            RoomHistories off = new RoomHistories(GatedLog.counting(store), false);
            assertEquals(List.of(), off.warm(Warming.OFF, () -> false).rooms());
            assertEquals(0, off.size());
            RoomHistories stopped = new RoomHistories(GatedLog.counting(store), false);
            assertEquals(List.of(), stopped.warm(Warming.DEFAULTS, () -> true).rooms(), "a closing server stops it");
        }
    }

    @Test
    void aReadOfARoomBeingWarmedWaitsForThatLoadAndStartsNoOther() throws Exception {
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            threeRooms(store);
            CountDownLatch reading = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            GatedLog log = new GatedLog(store, new AtomicInteger(), "a", reading, release);
            RoomHistories histories = new RoomHistories(log, false);
            CompletableFuture<RoomHistories.Warmed> warming = CompletableFuture.supplyAsync(
                    () -> histories.warm(new Warming(1, 100), () -> false));
            assertTrue(reading.await(10, TimeUnit.SECONDS), "the warming reads room a");
            CompletableFuture<RoomHistory.Snapshot> read = CompletableFuture.supplyAsync(
                    () -> histories.current("a").orElseThrow());
            Thread.sleep(300);
            assertFalse(read.isDone(), "the read waits while the warming loads its room");
            release.countDown();
            assertEquals(6, read.get(10, TimeUnit.SECONDS).lastSeq(), "then it has the whole room");
            assertEquals(List.of("a"), warming.get(10, TimeUnit.SECONDS).rooms());
            assertEquals(1, log.reads().get(), "one load of the room, not two");
        }
    }

    @Test
    void aWarmedHistoryDropsWhatAnErasureErased() {
        try (AxonRoomStore store = AxonRoomStore.open(data, 100)) {
            store.send(new CreateRoom("room", "mediator", Scenarios.agenda("orange"), Map.of(), CommittedHistoryTest.AT), null);
            store.send(new SubmitInterests("room", "anna", Scenarios.interests("orange", "anna"), 7,
                    CommittedHistoryTest.AT), null);
            RoomHistories histories = new RoomHistories(GatedLog.counting(store), false);
            store.onCommitted(histories::committed);
            assertEquals(List.of("room"), histories.warm(Warming.DEFAULTS, () -> false).rooms());
            assertNotNull(submission(histories.current("room").orElseThrow()).interests(), "warmed, decrypted");

            store.shred("room", "anna");
            store.send(new ErasePrivateData("room", "anna", CommittedHistoryTest.AT), null);
            RoomHistory.Snapshot erased = histories.current("room").orElseThrow();
            assertEquals(3, erased.lastSeq());
            assertNull(submission(erased).interests(), "the interests the warming decrypted are gone");
        }
    }

    /** On the server: a restart warms the room in the background; served from it, and an erasure still erases. */
    @Test
    void aRestartedServerWarmsItsRoomsAndAnErasureStillErases() throws Exception {
        RoomClient.Room room;
        JsonNode before;
        try (Server server = start(); RoomClient client = new RoomClient(server.port())) {
            room = bothSubmitted(client).room();
            before = client.get(base(room) + "/events?after=0", room.token("buyer")).json();
            assertEquals(List.of(), server.warming().await().rooms(), "nothing to warm in a new data directory");
        }
        try (Server server = start(); RoomClient client = new RoomClient(server.port())) {
            assertEquals(List.of(room.id()), server.warming().toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS).rooms());
            assertEquals(before, client.get(base(room) + "/events?after=0", room.token("buyer")).json());
            assertTrue(before.get(1).at("/data/interests").isObject(), "the buyer sees its own interests");
            assertEquals(204, client.delete(privateData(room, "buyer"), room.token("buyer")).status());
            for (String role : ErasureTest.ROLES) {
                JsonNode events = client.get(base(room) + "/events?after=0", room.token(role)).json();
                assertTrue(events.get(1).at("/data/erased").asBoolean(), role + " sees the erasure: " + events.get(1));
                assertTrue(events.get(1).at("/data/interests").isMissingNode(), role + ": " + events.get(1));
            }
        }
        try (Server server = start(Warming.OFF)) {
            assertEquals(List.of(), server.warming().toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS).rooms(), "warming off");
        }
    }

    private static InterestsSubmitted submission(RoomHistory.Snapshot room) {
        return (InterestsSubmitted) room.entries().get(1).logged().event();
    }

    private Server start() throws Exception {
        return start(Warming.DEFAULTS);
    }

    private Server start(Warming warming) throws Exception {
        return Server.start(new Server.Settings(0, data, 1000).withWarming(warming));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
