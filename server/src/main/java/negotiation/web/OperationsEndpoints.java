package negotiation.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.BiConsumer;
import negotiation.room.RoomRejection;

/** The operator's endpoints beside the API: readiness (can the store write?) and online backups. */
final class OperationsEndpoints {
    static final String BACKUP_WORKER = "room-backup";
    private static final long BACKUP_MAX_HOURS = 6;
    /** The name of the handler in which Vert.x closes a connection that reads nothing for the idle timeout. */
    private static final String IDLE_HANDLER = "idle";

    private final Vertx vertx;
    private final Operations operations;
    private final BiConsumer<RoutingContext, Throwable> fail;

    OperationsEndpoints(Vertx vertx, Operations operations, BiConsumer<RoutingContext, Throwable> fail) {
        this.vertx = vertx;
        this.operations = operations;
        this.fail = fail;
    }

    void ready(RoutingContext ctx) {
        String reason = operations.readiness().notReadyReason();
        if (reason == null) {
            RoomServer.json(ctx, 200, Map.of("status", "READY"));
        } else {
            RoomServer.json(ctx, 503, Map.of("status", "NOT_READY", "reason", reason));
        }
    }

    /**
     * Takes the connection's idle timeout off: the client sends nothing while a large store's
     * backup is taken (minutes) and sent, and the timeout (nothing read for {@code --idle-timeout}
     * seconds) closed the connection before the answer. The connection closes after the answer.
     */
    private static void keepOpenWhileSilent(RoutingContext ctx) {
        if (ctx.request().connection() instanceof ConnectionBase connection
                && connection.channel().pipeline().get(IDLE_HANDLER) != null) {
            connection.channel().pipeline().remove(IDLE_HANDLER);
        }
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    }

    /**
     * Streams an online backup of the store (a zip, docs/operating.md) to the holder of the admin
     * token; taken on a store worker into a file in the data directory, deleted once sent.
     */
    void backup(RoutingContext ctx) {
        String token = RoomServer.token(ctx);
        String expected = operations.adminTokenHash();
        if (expected == null || operations.backups() == null) {
            fail.accept(ctx, RoomRejection.notFound("this server takes no backups (PostgreSQL: use pg_dump)"));
            return;
        }
        if (token == null || !java.security.MessageDigest.isEqual(Invites.hash(token).getBytes(
                java.nio.charset.StandardCharsets.UTF_8), expected.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            fail.accept(ctx, new RoomRejection("unauthorized", "a backup needs the admin token of the data directory"));
            return;
        }
        keepOpenWhileSilent(ctx);
        // Its own single worker: a backup of a large store takes minutes, which would hold a store
        // worker (and trip Vert.x's blocked-worker warning) for as long; one backup at a time.
        io.vertx.core.WorkerExecutor worker = vertx.createSharedWorkerExecutor(BACKUP_WORKER, 1, BACKUP_MAX_HOURS,
                java.util.concurrent.TimeUnit.HOURS);
        worker.executeBlocking(() -> operations.backups().take(), false)
                .onComplete(done -> worker.close())
                .onSuccess(file -> ctx.response().setStatusCode(200)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/zip")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .sendFile(file.toString())
                        .onComplete(sent -> vertx.fileSystem().delete(file.toString())))
                .onFailure(failure -> fail.accept(ctx, failure));
    }

}
