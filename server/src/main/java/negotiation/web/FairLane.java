package negotiation.web;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import negotiation.room.RoomRejection;

/**
 * Runs the commands that may compute a round (a round costs up to the engine's work limit, seconds
 * of CPU) apart from every other command, on a few threads of their own, fairly between rooms:
 * each room has its own queue, at most one of its commands runs at a time, and the rooms with
 * waiting commands take turns (after a room's command ran, the room goes behind every other room
 * waiting). So one room resubmitting in a loop gets one turn in N while N rooms wait, and notes,
 * offers and reads of every room never wait behind a round: they run on the store workers.
 * A room with {@value #MAX_QUEUED} commands waiting is refused {@code rate_limited} until its
 * answers come.
 */
final class FairLane {
    /** System property: the lane's threads (default: the cores less one, at least one). */
    static final String THREADS_PROPERTY = "negotiation.engine.threads";
    static final int MAX_QUEUED = 20;

    private record Task<T>(Callable<T> work, Promise<T> done) {
    }

    private final WorkerExecutor workers;
    private final int threads;
    private final Map<String, ArrayDeque<Task<?>>> queues = new HashMap<>();
    /** Rooms with a waiting command and none running, in turn order; each at most once. */
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private final Set<String> runningRooms = new HashSet<>();
    private int running;

    FairLane(WorkerExecutor workers, int threads) {
        this.workers = workers;
        this.threads = threads;
    }

    /** The lane's threads in force: {@value #THREADS_PROPERTY}, or the cores less one. */
    static int configuredThreads() {
        int fallback = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        int threads = Integer.getInteger(THREADS_PROPERTY, fallback);
        if (threads < 1) {
            throw new IllegalArgumentException(THREADS_PROPERTY + " must be at least 1, got " + threads);
        }
        return threads;
    }

    /** Runs the work in the room's turn; fails with {@code rate_limited} when the room has too many waiting. */
    synchronized <T> Future<T> submit(String roomId, Callable<T> work) {
        ArrayDeque<Task<?>> queue = queues.computeIfAbsent(roomId, id -> new ArrayDeque<>());
        if (queue.size() >= MAX_QUEUED) {
            return Future.failedFuture(new RoomRejection("rate_limited", "this room has " + MAX_QUEUED
                    + " interests submissions and acceptances waiting for the engine: wait for their answers"));
        }
        Promise<T> done = Promise.promise();
        queue.add(new Task<>(work, done));
        if (queue.size() == 1 && !isRunning(roomId)) {
            turns.add(roomId);
        }
        pump();
        return done.future();
    }

    private boolean isRunning(String roomId) {
        return runningRooms.contains(roomId);
    }

    private void pump() {
        while (running < threads && !turns.isEmpty()) {
            String roomId = turns.poll();
            ArrayDeque<Task<?>> queue = queues.get(roomId);
            Task<?> task = queue.poll();
            if (queue.isEmpty()) {
                queues.remove(roomId);
            }
            running++;
            runningRooms.add(roomId);
            run(roomId, task);
        }
    }

    private <T> void run(String roomId, Task<T> task) {
        workers.executeBlocking(task.work(), false).onComplete(result -> {
            finished(roomId);
            task.done().handle(result);
        });
    }

    private synchronized void finished(String roomId) {
        running--;
        runningRooms.remove(roomId);
        if (queues.containsKey(roomId)) {
            turns.add(roomId); // behind every room already waiting
        }
        pump();
    }
}
