package negotiation.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import negotiation.commands.CreateRoom;
import negotiation.events.Agenda;
import negotiation.mediation.SessionAnalysis;
import negotiation.room.AgendaRules;
import negotiation.rendering.AgreementDocument;
import negotiation.room.RoomCommands;
import negotiation.readmodel.RoomHistories;
import negotiation.readmodel.RoomHistory;
import negotiation.room.RoomRejection;
import negotiation.readmodel.RoomView;
import negotiation.readmodel.Visibility;
import negotiation.wire.ErrorBody;
import negotiation.wire.RoomCreatedAnswer;
import negotiation.wire.view.RoomViewData;

/** The HTTP API and the WebSocket endpoint (docs/api.md), plus the web client's static files. */
public final class RoomServer extends VerticleBase {
    static final int MAX_BODY_BYTES = 256 * 1024;
    /** The most events one page of {@code GET .../events?limit=} holds. */
    static final int MAX_PAGE = 1000;
    /** The shared worker pool (name, size) that runs every store read and command, never an event loop. */
    public static final String STORE_WORKERS = "room-store";
    public static final int STORE_WORKER_COUNT = 16;
    /** The protocol's AsyncAPI and OpenAPI documents, copied from docs/ into the jar's contract/ at build time. */
    private static final List<String> CONTRACT = List.of("asyncapi.yaml", "openapi.yaml");
    private static final Logger LOG = Logger.getLogger(RoomServer.class.getName());
    private static final String JSON = "application/json";
    private static final String MARKDOWN = "text/markdown; charset=utf-8";

    private final RoomHistories histories;
    private final RoomCommands commands;
    private final String host;
    private final int port;
    private final Limits limits;
    private final RoomMetrics metrics;
    private final Operations operations;
    private RateLimiter rateLimiter;
    private Rooms rooms;
    private HttpServer server;

    public RoomServer(RoomHistories histories, RoomCommands commands, String host, int port, Limits limits,
                      RoomMetrics metrics) {
        this(histories, commands, host, port, limits, metrics, Operations.NONE);
    }

    /** @param operations readiness and the admin endpoints */
    public RoomServer(RoomHistories histories, RoomCommands commands, String host, int port, Limits limits,
                      RoomMetrics metrics, Operations operations) {
        this.operations = operations;
        this.metrics = metrics;
        this.histories = histories;
        this.commands = commands;
        this.host = host;
        this.port = port;
        this.limits = limits;
    }

    @Override
    public Future<?> start() {
        negotiation.room.RoomLimits.configured(); // a bad -Dnegotiation.room.* fails the start, not a command
        rooms = new Rooms(vertx, vertx.createSharedWorkerExecutor(STORE_WORKERS, STORE_WORKER_COUNT), histories, commands);
        rateLimiter = new RateLimiter(limits.ratePerSecond(), limits.burst());
        vertx.setPeriodic(60_000, id -> rateLimiter.sweep());
        SecurityHeaders securityHeaders = new SecurityHeaders(limits.allowedOrigins());
        Router router = Router.router(vertx);
        router.post("/api/rooms").handler(this::createRoom);
        router.get("/api/rooms/:roomId").handler(this::room);
        router.get("/api/rooms/:roomId/events").handler(this::events);
        router.get("/api/rooms/:roomId/state").handler(this::state);
        router.get("/api/rooms/:roomId/agreement").handler(this::agreement);
        router.get("/api/rooms/:roomId/export").handler(this::export);
        router.get("/api/rooms/:roomId/analysis").handler(this::analysis);
        router.delete("/api/rooms/:roomId/parties/:party/private").handler(this::erasePrivateData);
        for (String document : CONTRACT) {
            router.get("/api/" + document).handler(ctx -> contract(ctx, document));
        }
        // Live: the process answers. Ready: it can also store what it is sent.
        router.get("/health").handler(ctx -> json(ctx, 200, Map.of("status", "UP")));
        OperationsEndpoints operationsEndpoints = new OperationsEndpoints(vertx, operations, this::fail);
        router.get("/health/ready").handler(operationsEndpoints::ready);
        router.post("/admin/backup").handler(operationsEndpoints::backup);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics.registry()));
        router.route("/api/*").handler(ctx -> fail(ctx, RoomRejection.notFound("no such endpoint")));
        // No long-lived caching: after an upgrade, browsers must not keep yesterday's app.
        router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
        router.route().failureHandler(this::failed);

        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                // Netty may take frames up to 1 MiB so that one over our 64 KiB limit gets a
                // too_large answer and the socket stays usable; beyond 1 MiB it is closed (1009).
                // Messages are assembled by RoomSocket itself (strict UTF-8, the same limits).
                .setMaxWebSocketFrameSize(MessageAssembler.MAX_WIRE_MESSAGE_BYTES)
                .setMaxWebSocketMessageSize(MessageAssembler.MAX_WIRE_MESSAGE_BYTES)
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setWebSocketSubProtocols(List.of(SocketHandshakes.SUBPROTOCOL))
                // Pongs and frames count as reads; a peer silent this long is gone.
                .setReadIdleTimeout(limits.idleSeconds())
                // HTTP/1.1 only: with h2c detection a connection reaches the connection handler
                // (the per-address cap and the head timer) only once it has sent its first bytes.
                .setHttp2ClearTextEnabled(false);
        ConnectionGuard guard = new ConnectionGuard(vertx, limits, metrics);
        Origins origins = new Origins(limits.allowedOrigins());
        SocketHandshakes sockets = new SocketHandshakes(rooms, rateLimiter, limits, metrics, origins, guard);
        FrontDoor front = new FrontDoor(securityHeaders, guard, origins, sockets, router, metrics);
        // Upgrades reach the request handler (no WebSocket handler is set), so that refusals
        // are ordinary answers with the security headers.
        server = vertx.createHttpServer(options)
                .connectionHandler(guard::connected)
                .invalidRequestHandler(front::invalid)
                .requestHandler(front::handle);
        return server.listen();
    }

    public int actualPort() {
        return server.actualPort();
    }

    private void createRoom(RoutingContext ctx) {
        if (!rateLimiter.tryTake("create:" + ctx.request().remoteAddress().hostAddress())) {
            fail(ctx, tooMany());
            return;
        }
        body(ctx).map(Frames::createRoom)
                .compose(request -> openRoom(request, ctx))
                .onFailure(failure -> fail(ctx, failure));
    }

    /**
     * Reads a request body of any content type as UTF-8 text, refusing one over the limit
     * with too_large (a form decoder must not get the chance to reinterpret JSON).
     */
    private static Future<String> body(RoutingContext ctx) {
        io.vertx.core.Promise<String> text = io.vertx.core.Promise.promise();
        io.vertx.core.buffer.Buffer buffer = io.vertx.core.buffer.Buffer.buffer();
        ctx.request().handler(chunk -> {
            if (buffer.length() + chunk.length() > MAX_BODY_BYTES) {
                text.tryFail(new RoomRejection("too_large", "a request body may be at most 256 KiB"));
            } else {
                buffer.appendBuffer(chunk);
            }
        });
        ctx.request().endHandler(end -> text.tryComplete(buffer.toString(java.nio.charset.StandardCharsets.UTF_8)));
        // A broken chunked body: the client's fault, answered 400 (if the connection still can) and not logged.
        ctx.request().exceptionHandler(failure -> text.tryFail(RoomRejection.badRequest("the request body is malformed")));
        ctx.request().resume();
        return text.future();
    }

    private Future<Void> openRoom(Frames.CreateRoomRequest request, RoutingContext ctx) {
        Agenda agenda = request.agenda();
        String roomId = Invites.newRoomId();
        Map<String, String> invites = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        List<String> roles = new java.util.ArrayList<>(agenda.parties() == null ? List.of() : agenda.parties());
        roles.add(AgendaRules.MEDIATOR);
        for (String role : roles) {
            String token = Invites.newToken();
            invites.put(role, token);
            hashes.put(role, Invites.hash(token));
        }
        return rooms.send(new CreateRoom(roomId, AgendaRules.MEDIATOR, agenda, hashes, Instant.now(),
                        request.privacy(), request.names()), null)
                .onSuccess(seq -> json(ctx, 201, new RoomCreatedAnswer(roomId, invites)))
                .mapEmpty();
    }

    /** Serves one document of the contract from the classpath (Vert.x reads it off the event loop). */
    private static void contract(RoutingContext ctx, String document) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .sendFile("contract/" + document)
                .onFailure(ctx::fail);
    }

    private void room(RoutingContext ctx) {
        answerFromHistory(ctx, access -> () -> RoomView.of(access.roomId(), access.room(), access.viewer()));
    }

    /**
     * The visible events after {@code after}: with {@code limit}, one page of at most that many;
     * without, all of them, streamed as one JSON array in batches ({@link HistoryStream}), so a
     * long room is never built as one answer in memory.
     */
    private void events(RoutingContext ctx) {
        if (ctx.request().getParam("limit") == null) {
            access(ctx).compose(access -> HistoryStream.stream(ctx.response(), access, rooms, HistoryStream.JSON_ARRAY,
                            integerParam(ctx, "after", 0, 0)))
                    .onFailure(failure -> fail(ctx, failure));
            return;
        }
        answerFromHistory(ctx, access -> {
            long after = integerParam(ctx, "after", 0, 0);
            long limit = integerParam(ctx, "limit", -1, 1);
            if (limit > MAX_PAGE) {
                throw RoomRejection.badRequest("limit must be at most " + MAX_PAGE + ", got " + limit);
            }
            RoomHistory.Snapshot room = access.room();
            return () -> room.between(after, Math.min(room.lastSeq(), after + limit)).stream()
                    .map(entry -> Visibility.present(room, entry, access.viewer()))
                    .toList();
        });
    }

    private void state(RoutingContext ctx) {
        answerFromHistory(ctx, access -> {
            long at = integerParam(ctx, "at", -1, 1);
            if (at > access.room().lastSeq()) {
                throw RoomRejection.notFound("the room has no event " + at + " yet");
            }
            return () -> RoomView.of(access.roomId(), access.room().upTo(at), access.viewer());
        });
    }

    /** The agreement as JSON, or as a Markdown document with {@code format=md}; both folded on a store worker. */
    private void agreement(RoutingContext ctx) {
        if ("md".equals(ctx.request().getParam("format"))) {
            answerFromHistory(ctx, MARKDOWN, access -> () -> {
                RoomViewData view = viewWithAgreement(access);
                return AgreementDocument.markdown(view, view.agreement());
            });
        } else {
            answerFromHistory(ctx, access -> () -> viewWithAgreement(access).agreement());
        }
    }

    /** The room as the viewer sees it, once it has an agreement; not_found before. */
    private static RoomViewData viewWithAgreement(Rooms.Access access) {
        RoomViewData view = RoomView.of(access.roomId(), access.room(), access.viewer());
        if (view.agreement() == null) {
            throw RoomRejection.notFound("no agreement yet");
        }
        return view;
    }

    /**
     * The room's log as the token's role sees it, with hashes, streamed as NDJSON
     * (docs/verifiable-history.md); its lines are presented and encoded on a store worker.
     */
    private void export(RoutingContext ctx) {
        access(ctx).compose(access -> LogExport.stream(ctx.response(), access, rooms))
                .onFailure(failure -> fail(ctx, failure));
    }

    /** The session's figures, from the events the token's role may see. */
    private void analysis(RoutingContext ctx) {
        answerFromHistory(ctx, access -> () -> SessionAnalysis.of(access.roomId(), access.viewer().role(),
                () -> access.room().entries().stream()
                        .map(entry -> Visibility.present(access.room(), entry, access.viewer())).iterator()));
    }

    /**
     * Erases a party's private data, on that party's own token: the erasure is logged, then
     * the party's key is destroyed, so every replay, export and view shows its interests as
     * erased while the public log stays as it was.
     */
    private void erasePrivateData(RoutingContext ctx) {
        String party = ctx.pathParam("party");
        access(ctx).compose(access -> {
            if (!access.viewer().role().equals(party)) {
                return Future.failedFuture(RoomRejection.forbidden("only " + party + " may erase its own private data"));
            }
            return rooms.erase(access.roomId(), party);
        }).onSuccess(seq -> ctx.response().setStatusCode(204).end())
                .onFailure(failure -> fail(ctx, failure));
    }

    /**
     * Answers 200 with the JSON of what the request's room gives: {@code prepare} checks the
     * request on the event loop (after the token, so a bad token is 401 before a bad parameter is
     * 400) and returns the work, which is done and encoded on a store worker: a long history is
     * thousands of events to present and fold.
     */
    private void answerFromHistory(RoutingContext ctx, Function<Rooms.Access, Callable<Object>> prepare) {
        answerFromHistory(ctx, JSON, access -> {
            Callable<Object> work = prepare.apply(access);
            return () -> WebJson.encode(work.call());
        });
    }

    /** As {@link #answerFromHistory(RoutingContext, Function)}, for work that gives the body's text in this content type. */
    private void answerFromHistory(RoutingContext ctx, String contentType,
                                   Function<Rooms.Access, Callable<String>> prepare) {
        access(ctx).map(prepare).compose(rooms::compute)
                .onSuccess(body -> ctx.response().setStatusCode(200)
                        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .end(body))
                .onFailure(failure -> fail(ctx, failure));
    }

    /** Checks the room and token of a request; handlers run only for a valid token. */
    private Future<Rooms.Access> access(RoutingContext ctx) {
        return rooms.authorize(ctx.pathParam("roomId"), token(ctx)).map(access -> {
            if (!rateLimiter.tryTake(access.roomId() + ":" + access.viewer().role())) {
                throw tooMany();
            }
            return access;
        });
    }

    static RoomRejection tooMany() {
        return new RoomRejection("rate_limited", "too many requests for this token; slow down");
    }

    static String token(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        return ctx.request().getParam("token");
    }

    /** A query parameter that must be an integer >= min; absent means fallback (or an error if fallback < min). */
    private static long integerParam(RoutingContext ctx, String name, long fallback, long min) {
        String raw = ctx.request().getParam(name);
        if (raw == null && fallback >= min) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw RoomRejection.badRequest(name + " must be an integer >= " + min);
    }

    static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(WebJson.encode(body));
    }

    private void fail(RoutingContext ctx, Throwable failure) {
        RoomRejection rejection = failure instanceof RoomRejection r ? r : internal(failure);
        metrics.error(rejection.code());
        json(ctx, ErrorStatus.of(rejection), ErrorBody.of(rejection.code(), rejection.getMessage()));
    }

    private void failed(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        if (ctx.statusCode() == 413) {
            fail(ctx, new RoomRejection("too_large", "a request body may be at most 256 KiB"));
        } else if (ctx.failure() != null) {
            fail(ctx, ctx.failure());
        } else {
            fail(ctx, new RoomRejection(ctx.statusCode() == 404 ? "not_found" : "bad_request",
                    "the request failed with status " + ctx.statusCode()));
        }
    }

    private static RoomRejection internal(Throwable failure) {
        // The type only: exception messages from the store may quote payloads.
        LOG.log(Level.WARNING, "request failed: {0}", failure.getClass().getName());
        return new RoomRejection("internal", "the server could not complete this request");
    }
}
