package negotiation.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Map;
import java.time.Instant;
import negotiation.commands.Accept;
import negotiation.commands.ErasePrivateData;
import negotiation.commands.SubmitInterests;
import negotiation.commands.RoomCommand;
import negotiation.room.RoomCommands;
import negotiation.readmodel.RoomHistories;
import negotiation.readmodel.RoomHistory;
import negotiation.room.RoomRejection;
import negotiation.readmodel.Viewer;

/**
 * The web layer's door to rooms: every store read and command runs on a worker pool, never
 * on an event loop, and a committed command tells the room's sockets on the event bus.
 */
final class Rooms {
    private final Vertx vertx;
    /** The worker pool (name) of {@link FairLane}: the commands that may compute a round. */
    static final String ENGINE_WORKERS = "room-engine";
    private final WorkerExecutor workers;
    private final FairLane engineLane;
    private final RoomHistories histories;
    private final RoomCommands commands;

    Rooms(Vertx vertx, WorkerExecutor workers, RoomHistories histories, RoomCommands commands) {
        this.vertx = vertx;
        this.workers = workers;
        int threads = FairLane.configuredThreads();
        this.engineLane = new FairLane(vertx.createSharedWorkerExecutor(ENGINE_WORKERS, threads), threads);
        this.histories = histories;
        this.commands = commands;
    }

    /** The event-bus address on which a room's new last seq is published after each commit. */
    static String address(String roomId) {
        return "rooms.advanced." + roomId;
    }

    Vertx vertx() {
        return vertx;
    }

    io.vertx.core.eventbus.EventBus eventBus() {
        return vertx.eventBus();
    }

    /**
     * Runs CPU work over a room's history (presenting, folding and encoding thousands of events)
     * on the store workers, so the event loop never does it.
     */
    <T> Future<T> compute(java.util.concurrent.Callable<T> work) {
        return workers.executeBlocking(work, false);
    }

    /** A room's whole committed history; fails with not_found for an unknown room. */
    Future<RoomHistory.Snapshot> history(String roomId) {
        return history(roomId, RoomHistories.UNKNOWN);
    }

    /** A room's history with at least the events up to {@code known} ({@link RoomHistories#current(String, long)}). */
    Future<RoomHistory.Snapshot> history(String roomId, long known) {
        return workers.<java.util.Optional<RoomHistory.Snapshot>>executeBlocking(() -> histories.current(roomId, known),
                        false)
                .map(found -> found.orElseThrow(() -> RoomRejection.notFound("no room '" + roomId + "'")));
    }

    /**
     * Sends a command; completes with the seq of its last event once that event is durable.
     * A request key (nullable) makes a re-send of the same command answer the first seq.
     */
    Future<Long> send(RoomCommand command, String request) {
        java.util.concurrent.Callable<Long> work = () -> commands.send(command, request);
        // Only these may run the engine (a round, an improvement round after an agreement).
        boolean mayComputeRound = command instanceof SubmitInterests || command instanceof Accept;
        return (mayComputeRound ? engineLane.submit(command.roomId(), work) : workers.executeBlocking(work, false))
                .onSuccess(seq -> vertx.eventBus().publish(address(command.roomId()), seq));
    }

    /**
     * Destroys a party's key, then logs the erasure. Key first: once the request is answered,
     * nothing can open the data again, even if logging failed (a retry logs it then); every
     * node that reads the logged erasure rebuilds its cached history without the data.
     */
    Future<Long> erase(String roomId, String party) {
        return workers.executeBlocking(() -> {
            commands.shred(roomId, party);
            return commands.send(new ErasePrivateData(roomId, party, Instant.now()), null);
        }, false).onSuccess(seq -> vertx.eventBus().publish(address(roomId), seq));
    }

    /** The room and the viewer a token opens; fails with unauthorized or not_found. */
    Future<Access> authorize(String roomId, String token) {
        if (token == null || token.isEmpty()) {
            return Future.failedFuture(new RoomRejection("unauthorized", "a token is required"));
        }
        return history(roomId).map(room -> {
            Map<String, String> hashes = room.created().tokenHashes();
            String role = Invites.roleOf(hashes, token)
                    .orElseThrow(() -> new RoomRejection("unauthorized", "the token does not open this room"));
            return new Access(roomId, new Viewer(role), room);
        });
    }

    /** A room opened with a valid token: who is looking, and the room as it stood then. */
    record Access(String roomId, Viewer viewer, RoomHistory.Snapshot room) {
    }
}
