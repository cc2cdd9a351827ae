package negotiation.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import negotiation.readmodel.RoomHistories;
import negotiation.readmodel.RoomHistory;
import negotiation.readmodel.Viewer;
import negotiation.readmodel.Visibility;
import negotiation.room.RoomRejection;
import negotiation.wire.Ack;
import negotiation.wire.ErrorMessage;

/**
 * One client's WebSocket in a room. After {@code hello{after}} it sends the visible events
 * after that seq, then every new one: each delivery takes the room's history (kept in memory,
 * {@link negotiation.readmodel.RoomHistories}) and sends what follows the last seq sent, so live
 * events and replays share one path, with no gap and no duplicate. Commands from
 * one socket run in the order they came; each is answered with an ack once durable and,
 * on a socket that said hello, after the events it appended were sent to that socket.
 * A socket opened without a token must send {@code auth{token}} first (docs/protocol.md).
 */
final class RoomSocket {
    /** How long a socket opened without a token may wait for its {@code auth} frame (less if the idle timeout is shorter). */
    static final int AUTH_SECONDS = 10;
    static final short POLICY_VIOLATION = 1008;
    private static final String FIRST_FRAME =
            "a socket opened without a token must first send {\"type\": \"auth\", \"id\": ..., \"token\": ...}";
    private static final Logger LOG = Logger.getLogger(RoomSocket.class.getName());

    private final ServerWebSocket socket;
    private final Rooms rooms;
    private final String roomId;
    /** Who the token opened the room for; null until an {@code auth} frame succeeds. */
    private Viewer viewer;
    private final SocketsPerToken perToken;
    private final MessageAssembler messages = new MessageAssembler();
    private long authTimer = -1;
    private final RateLimiter rateLimiter;
    private final Limits limits;
    private final RoomMetrics metrics;
    private long pinger;
    private long slowTimer = -1;
    private MessageConsumer<Long> live;
    private long lastSent;
    private boolean delivering;
    /** The highest committed seq the waiting deliveries were told of, and whether one knew of none (a hello). */
    private long wantedSeq;
    private boolean wantsNews;
    private List<Promise<Void>> waiting = new ArrayList<>();
    private Future<?> commands = Future.succeededFuture();

    /** @param perToken counts this socket for its token; one opened with a viewer is counted already */
    RoomSocket(ServerWebSocket socket, Rooms rooms, String roomId, Viewer viewer, RateLimiter rateLimiter,
               Limits limits, RoomMetrics metrics, SocketsPerToken perToken) {
        this.perToken = perToken;
        this.metrics = metrics;
        this.socket = socket;
        this.rooms = rooms;
        this.roomId = roomId;
        this.viewer = viewer;
        this.rateLimiter = rateLimiter;
        this.limits = limits;
    }

    /** @param onClose what the connection needs done when this socket closes */
    void start(Runnable onClose) {
        metrics.socketOpened();
        socket.frameHandler(this::onFrame);
        socket.exceptionHandler(this::onFailure);
        if (viewer == null) {
            // Shorter than the idle timeout, so a silent socket gets this close frame, not a hang-up.
            int seconds = Math.max(1, Math.min(AUTH_SECONDS, limits.idleSeconds() - 1));
            authTimer = rooms.vertx().setTimer(seconds * 1000L,
                    t -> socket.close(POLICY_VIOLATION, "no auth frame within " + seconds + " s"));
        }
        // Pings draw pongs, which count as reads for the server's read-idle timeout.
        pinger = rooms.vertx().setPeriodic(Math.max(1, limits.idleSeconds() * 1000L / 3),
                id -> socket.writePing(Buffer.buffer("ping")));
        socket.closeHandler(closed -> {
            onClose.run();
            metrics.socketClosed();
            rooms.vertx().cancelTimer(pinger);
            rooms.vertx().cancelTimer(slowTimer);
            rooms.vertx().cancelTimer(authTimer);
            if (live != null) {
                live.unregister();
            }
            Presence.of(rooms.vertx()).leave(roomId, socket);
            if (viewer != null) {
                perToken.closed(roomId, viewer.role());
            }
        });
    }

    private void onFrame(WebSocketFrame frame) {
        if (!(frame.isText() || frame.isBinary() || frame.isContinuation()) || socket.isClosed()) {
            return; // pings, pongs and close frames are Vert.x's business
        }
        MessageAssembler.Outcome message = messages.add(frame);
        if (message == null) {
            return;
        }
        if (message instanceof MessageAssembler.Text text) {
            onText(text.text());
        } else if (message instanceof MessageAssembler.Fail fail) {
            socket.close(fail.code(), fail.reason());
        } else if (message instanceof MessageAssembler.TooLarge) {
            onRefusal(new RoomRejection("too_large", "a message may carry at most 64 KiB"));
        } else {
            onRefusal(RoomRejection.badRequest("frames must be text, not binary"));
        }
    }

    /** A message refused before it could be read: before auth it ends the socket like any other non-auth frame. */
    private void onRefusal(RoomRejection rejection) {
        if (viewer == null) {
            refuseAndClose(null, new RoomRejection("unauthorized", FIRST_FRAME));
        } else {
            refuse(null, rejection);
        }
    }

    private void onText(String text) {
        if (viewer == null) {
            authenticate(text);
            return;
        }
        boolean allowed = rateLimiter.tryTake(roomId + ":" + viewer.role());
        Frames.ClientFrame frame;
        try {
            frame = Frames.parse(text);
        } catch (Frames.FrameRejection e) {
            refuse(e.id, allowed ? e.rejection : RoomServer.tooMany());
            return;
        } catch (RoomRejection e) {
            refuse(null, allowed ? e : RoomServer.tooMany());
            return;
        }
        if (!allowed) {
            refuse(frame.id(), RoomServer.tooMany());
            return;
        }
        switch (frame.type()) {
            case "hello" -> hello(frame);
            case "auth" -> refuse(frame.id(), RoomRejection.badRequest("this socket is already authenticated"));
            default -> command(frame);
        }
    }

    /**
     * The first frame of a socket opened without a token: {@code auth{token}}. Anything else,
     * or a token that does not open this room, is answered with an error and the socket is
     * closed (1008). Reading pauses until the token is checked, so frames sent right after
     * the auth frame wait for it instead of being refused.
     */
    private void authenticate(String text) {
        Frames.ClientFrame frame;
        try {
            frame = Frames.parse(text);
        } catch (Frames.FrameRejection e) {
            refuseAndClose(e.id, new RoomRejection("unauthorized", FIRST_FRAME));
            return;
        } catch (RoomRejection e) {
            refuseAndClose(null, new RoomRejection("unauthorized", FIRST_FRAME));
            return;
        }
        JsonNode token = frame.body().get("token");
        if (!frame.type().equals("auth") || token == null || !token.isTextual()) {
            refuseAndClose(frame.id(), new RoomRejection("unauthorized", FIRST_FRAME));
            return;
        }
        socket.pause();
        rooms.authorize(roomId, token.textValue()).onSuccess(access -> {
            rooms.vertx().cancelTimer(authTimer);
            if (socket.isClosed()) {
                return; // its close handler has run: nothing to count
            }
            if (!perToken.tryOpen(roomId, access.viewer().role())) {
                refuseAndClose(frame.id(), SocketsPerToken.tooMany());
                return;
            }
            viewer = access.viewer();
            write(new Ack(frame.id(), access.room().lastSeq()));
            socket.resume();
        }).onFailure(failure -> refuseAndClose(frame.id(), asRejection(failure)));
    }

    private void refuseAndClose(Object id, RoomRejection rejection) {
        refuse(id, rejection);
        socket.close(POLICY_VIOLATION, rejection.code());
    }

    private void hello(Frames.ClientFrame frame) {
        long after;
        try {
            after = Frames.after(frame.body());
        } catch (RoomRejection e) {
            refuse(frame.id(), e);
            return;
        }
        lastSent = after;
        if (live == null) {
            live = rooms.eventBus().consumer(Rooms.address(roomId), message -> deliver(message.body()));
        }
        deliver(RoomHistories.UNKNOWN).onSuccess(v -> write(new Ack(frame.id(), lastSent)))
                .onSuccess(v -> present())
                .onFailure(failure -> refuse(frame.id(), asRejection(failure)));
    }

    /** Protocol 1.1: this socket counts as present from its hello until it closes (the close handler leaves). */
    private void present() {
        rooms.history(roomId).onSuccess(room -> {
            if (!socket.isClosed()) {
                Presence.of(rooms.vertx()).join(roomId, room.created().agenda().parties(), socket, viewer.role(),
                        this::write);
            }
        });
    }

    private void command(Frames.ClientFrame frame) {
        long arrived = System.nanoTime();
        metrics.command(frame.type());
        commands = commands.transform(previous -> {
            try {
                return rooms.send(Frames.command(frame, roomId, viewer.role(), Instant.now()), requestKey(frame));
            } catch (RoomRejection e) {
                return Future.failedFuture(e);
            }
        }).compose(seq -> live == null ? Future.succeededFuture(seq) : deliver(seq).map(seq))
                .onSuccess(seq -> {
                    metrics.acked(arrived);
                    write(new Ack(frame.id(), seq));
                })
                .onFailure(failure -> refuse(frame.id(), asRejection(failure)));
    }

    /**
     * The idempotency key of a command frame: who sent it and what it says, id included, on
     * the frame's canonical form (members sorted, no whitespace), so a re-send serialised in
     * another member order is still the same command. The same frame re-sent (say after a
     * reconnect) is applied once; a reused id with another content is a new command.
     */
    private String requestKey(Frames.ClientFrame frame) {
        return viewer.role() + ":" + Invites.hash(Frames.canonical(frame.body()));
    }

    /**
     * Sends every visible event after the last one sent, up to at least {@code known} (a
     * committed seq, or {@link RoomHistories#UNKNOWN}). Calls that arrive while a delivery
     * runs are served by one more delivery after it.
     */
    private Future<Void> deliver(long known) {
        Promise<Void> done = Promise.promise();
        waiting.add(done);
        if (known == RoomHistories.UNKNOWN) {
            wantsNews = true;
        } else {
            wantedSeq = Math.max(wantedSeq, known);
        }
        if (!delivering) {
            runDelivery();
        }
        return done.future();
    }

    private void runDelivery() {
        delivering = true;
        List<Promise<Void>> served = waiting;
        waiting = new ArrayList<>();
        long known = wantsNews ? RoomHistories.UNKNOWN : wantedSeq;
        wantsNews = false;
        rooms.history(roomId, known)
                .compose(room -> send(room, room.between(lastSent, room.lastSeq()), 0))
                .onComplete(result -> {
                    served.forEach(p -> p.handle(result));
                    delivering = false;
                    if (!waiting.isEmpty()) {
                        runDelivery();
                    }
                });
    }

    /** Writes entries from index on, pausing while the socket's write queue is full. */
    private Future<Void> send(RoomHistory.Snapshot room, List<RoomHistory.Entry> entries, int index) {
        for (int i = index; i < entries.size(); i++) {
            if (socket.isClosed()) {
                return Future.succeededFuture();
            }
            if (socket.writeQueueFull()) {
                Promise<Void> drained = Promise.promise();
                int resume = i;
                // A consumer that does not read for this long is dropped rather than buffered for.
                slowTimer = rooms.vertx().setTimer(limits.slowSeconds() * 1000L,
                        t -> socket.close((short) 1008, "too slow: the write queue stayed full"));
                socket.drainHandler(v -> {
                    rooms.vertx().cancelTimer(slowTimer);
                    send(room, entries, resume).onComplete(drained);
                });
                return drained.future();
            }
            RoomHistory.Entry entry = entries.get(i);
            write(Visibility.present(room, entry, viewer));
            lastSent = entry.seq();
        }
        return Future.succeededFuture();
    }

    private void refuse(Object id, RoomRejection rejection) {
        metrics.error(rejection.code());
        write(new ErrorMessage(id, rejection.code(), rejection.getMessage()));
    }

    private void write(Object message) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(WebJson.encode(message));
        }
    }

    private static RoomRejection asRejection(Throwable failure) {
        if (failure instanceof RoomRejection rejection) {
            return rejection;
        }
        // Only the type goes to the log: messages of store failures may quote payloads.
        LOG.log(Level.WARNING, "command failed: {0}", failure.getClass().getName());
        return new RoomRejection("internal", "the server could not complete this command");
    }

    /**
     * Netty refuses a frame over the frame limit (or a frame breaking the framing rules) with
     * an exception and, as Vert.x configures it, leaves the socket open without a close
     * frame: close it here with the code Netty chose (1009 for too big, 1002 otherwise).
     */
    private void onFailure(Throwable failure) {
        LOG.log(Level.FINE, "socket failure: {0}", failure.getClass().getName());
        if (failure instanceof CorruptedWebSocketFrameException corrupted && !socket.isClosed()) {
            socket.close((short) corrupted.closeStatus().code(), corrupted.closeStatus().reasonText());
        }
    }
}
