package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import negotiation.room.RoomRejection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The engine's lane takes rooms in turn: a room with a backlog of rounds does not hold back
 * another room's one command, one command per room runs at a time, and a room with too many
 * waiting is refused {@code rate_limited}. Checked by order of completion, never by timing.
 */
class FairLaneTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    /** However many rooms compute, a core is left to the command path and the event loops. */
    @Test
    void theLaneLeavesACoreToEverythingElse() {
        Assumptions.assumeTrue(System.getProperty(FairLane.THREADS_PROPERTY) == null, "the lane's threads are set");
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(Math.max(1, cores - 1), FairLane.configuredThreads());
    }

    @Test
    void anotherRoomsCommandGoesBeforeARoomsBacklog() throws Exception {
        FairLane lane = new FairLane(vertx.createSharedWorkerExecutor("lane-test", 1), 1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        List<Future<String>> all = new ArrayList<>();
        all.add(lane.submit("busy", () -> {
            release.await(20, TimeUnit.SECONDS);
            order.add("busy-1");
            return "busy-1";
        }));
        for (int i = 2; i <= 4; i++) {
            String name = "busy-" + i;
            all.add(lane.submit("busy", () -> {
                order.add(name);
                return name;
            }));
        }
        all.add(lane.submit("quiet", () -> {
            order.add("quiet-1");
            return "quiet-1";
        }));
        release.countDown();
        Future.all(all).await(20, TimeUnit.SECONDS);
        assertEquals(List.of("busy-1", "quiet-1", "busy-2", "busy-3", "busy-4"), order);
    }

    @Test
    void oneCommandOfARoomRunsAtATimeAndABacklogIsBounded() throws Exception {
        FairLane lane = new FairLane(vertx.createSharedWorkerExecutor("lane-test-2", 4), 4);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger inRoom = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        List<Future<Integer>> accepted = new ArrayList<>();
        for (int i = 0; i < FairLane.MAX_QUEUED; i++) {
            accepted.add(lane.submit("room", () -> {
                most.accumulateAndGet(inRoom.incrementAndGet(), Math::max);
                release.await(20, TimeUnit.SECONDS);
                inRoom.decrementAndGet();
                return 1;
            }));
        }
        // The first runs, the other 19 wait, and one more fits before the bound.
        accepted.add(lane.submit("room", () -> 1));
        Future<Integer> refused = lane.submit("room", () -> 1);
        assertTrue(refused.failed());
        RoomRejection rejection = (RoomRejection) refused.cause();
        assertEquals("rate_limited", rejection.code());
        release.countDown();
        Future.all(accepted).await(20, TimeUnit.SECONDS);
        assertEquals(1, most.get(), "never two commands of one room at once, with four threads free");
    }
}
