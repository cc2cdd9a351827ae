package negotiation;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import negotiation.readmodel.RoomHistories;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import negotiation.store.AxonRoomStore;
import negotiation.store.Backup;
import negotiation.store.StoreHealth;
import negotiation.web.Operations;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import negotiation.store.Database;
import negotiation.store.DataDirectoryLock;
import negotiation.web.Limits;
import negotiation.web.RoomMetrics;
import negotiation.web.RoomServer;

/** A running room server: the data directory's lock, the event store, and Vert.x serving HTTP and WebSocket. */
public final class Server implements AutoCloseable {
    // Axon logs every refused room creation as a warning; a refusal is an answer to the client, not a server fault.
    private static final java.util.logging.Logger AXON_REPOSITORY =
            java.util.logging.Logger.getLogger("org.axonframework.modelling.command.AbstractRepository");

    // Flyway reports every start ("Schema ... is up to date") at INFO; only its warnings matter to an operator.
    private static final java.util.logging.Logger FLYWAY = java.util.logging.Logger.getLogger("org.flywaydb");

    // When a commit fails because the storage does, Axon's rollback fails too (H2 has closed the
    // database) and is logged with a long stack trace; the store logs the root cause once instead.
    private static final java.util.logging.Logger AXON_PHASE_HANDLERS =
            java.util.logging.Logger.getLogger("org.axonframework.messaging.unitofwork.MessageProcessingContext");

    // Flyway logs each step of a migration that fails to commit (commit, rollback, autocommit) as an
    // error of its own; the failure itself reaches the caller, which reports it once.
    private static final java.util.logging.Logger FLYWAY_TRANSACTIONS =
            java.util.logging.Logger.getLogger("org.flywaydb.core.internal.jdbc.TransactionalExecutionTemplate");

    static {
        FLYWAY_TRANSACTIONS.setLevel(java.util.logging.Level.OFF);
        AXON_REPOSITORY.setLevel(java.util.logging.Level.SEVERE);
        AXON_PHASE_HANDLERS.setLevel(java.util.logging.Level.WARNING);
        FLYWAY.setLevel(java.util.logging.Level.WARNING);
    }

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Server.class.getName());
    /** How long a close waits for the warming to finish the room it is loading. */
    private static final long WARMING_STOP_SECONDS = 30;

    private final DataDirectoryLock lock;
    private final AxonRoomStore store;
    private final Vertx vertx;
    private final String urlHost;
    private final int port;
    private final Future<RoomHistories.Warmed> warming;
    /** Tells the warming to stop before the next room: the server is closing. */
    private final AtomicBoolean closing;
    /** The admin token's file, removed at close; null on PostgreSQL. */
    private Path adminTokenFile;

    private Server(DataDirectoryLock lock, AxonRoomStore store, Vertx vertx, String urlHost, int port,
                   Future<RoomHistories.Warmed> warming, AtomicBoolean closing) {
        this.lock = lock;
        this.urlHost = urlHost;
        this.store = store;
        this.vertx = vertx;
        this.port = port;
        this.warming = warming;
        this.closing = closing;
    }

    /** Starts on the given settings and returns once the server listens. */
    public static Server start(Settings settings) throws Exception {
        // An H2 file has one owner; PostgreSQL is shared by design, between the nodes of a cluster.
        DataDirectoryLock lock = settings.database() instanceof Database.H2 h2
                ? DataDirectoryLock.acquire(h2.dataDirectory()) : null;
        AxonRoomStore store = null;
        Vertx vertx = null;
        try {
            try {
                store = AxonRoomStore.open(settings.database(), settings.snapshotEvery());
            } catch (RuntimeException e) {
                throw new StoreDidNotOpen(settings.database(), e);
            }
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            storeMetrics(registry, store);
            VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
            var builder = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry));
            if (settings.cluster() == null) {
                vertx = builder.build();
            } else {
                options.getEventBusOptions().setHost(settings.cluster().host()).setPort(0);
                vertx = builder.withClusterManager(settings.cluster().manager()).buildClustered().await();
            }
            RoomHistories histories = new RoomHistories(store, settings.database() instanceof Database.Postgres);
            store.onCommitted(histories::committed);
            AxonRoomStore opened = store;
            String adminToken = settings.database() instanceof Database.H2 h2 ? adminToken(h2.dataDirectory()) : null;
            Operations operations = adminToken != null && settings.database() instanceof Database.H2 h2
                    ? new Operations(opened::notReadyReason, adminToken, () -> backupFile(opened, h2.dataDirectory()))
                    : new Operations(opened::notReadyReason, null, null);
            RoomServer web = new RoomServer(histories, store, settings.host(), settings.port(), settings.limits(),
                    new RoomMetrics(registry, histories::size), operations);
            vertx.deployVerticle(web).await();
            AtomicBoolean closing = new AtomicBoolean();
            Server server = new Server(lock, store, vertx, urlHost(settings.host()), web.actualPort(),
                    warm(vertx, histories, settings.warming(), closing), closing);
            if (settings.database() instanceof Database.H2 h2) {
                server.adminTokenFile = h2.dataDirectory().resolve(ADMIN_TOKEN_FILE);
            }
            return server;
        } catch (Exception | Error e) {
            if (vertx != null) {
                vertx.close().await();
            }
            if (store != null) {
                store.close();
            }
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    /** The store's failures by cause, and whether it takes writes now, beside the other metrics. */
    private static void storeMetrics(PrometheusMeterRegistry registry, AxonRoomStore store) {
        StoreHealth health = store.health();
        for (StoreHealth.Cause cause : StoreHealth.Cause.values()) {
            FunctionCounter.builder("rooms_store_failures", health, h -> h.failures(cause))
                    .tag("cause", cause.label())
                    .description("store operations that failed because the storage did, by cause")
                    .register(registry);
        }
        Gauge.builder("rooms_store_ready", store, s -> s.notReadyReason() == null ? 1 : 0)
                .description("1 while the store takes commands, 0 while it refuses them (see /health/ready)")
                .register(registry);
    }

    /** Where the admin token is written at each start: in the data directory, readable by its owner only. */
    public static final String ADMIN_TOKEN_FILE = "admin.token";

    /**
     * A new admin token for this run, written to the data directory (owner-only), so whoever may
     * read the store may ask the running server for a backup; returns its hash, or null (no
     * online backup this run) when it cannot be written, which is no reason not to serve.
     */
    private static String adminToken(Path dataDirectory) {
        String token = Operations.newToken();
        Path file = dataDirectory.resolve(ADMIN_TOKEN_FILE);
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, token + "\n");
            return Operations.hash(token);
        } catch (java.io.IOException e) {
            LOG.log(Level.WARNING, "cannot write {0} ({1}): no online backup in this run", new Object[] {file, e.getMessage()});
            return null;
        }
    }

    private static Path backupFile(AxonRoomStore store, Path dataDirectory) throws Exception {
        Path file = dataDirectory.resolve("backup-" + System.currentTimeMillis() + "-"
                + java.util.UUID.randomUUID().toString().substring(0, 8) + ".zip.sending");
        try {
            Backup.Manifest taken = store.backup(file);
            LOG.log(Level.INFO, "backup taken: {0} events in {1} rooms, {2} bytes", new Object[] {taken.events(),
                    taken.rooms(), Files.size(file)});
            return file;
        } catch (Exception | Error e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** The store could not be opened: the database, for the message, and what failed. */
    public static final class StoreDidNotOpen extends RuntimeException {
        private final transient Database database;

        StoreDidNotOpen(Database database, Throwable cause) {
            super("the event store could not be opened", cause);
            this.database = database;
        }

        public Database database() {
            return database;
        }
    }

    /**
     * Loads the recently used rooms' histories in the background, on one thread of the store
     * workers (never an event loop), while the server already answers: a read of a room being
     * loaded waits for that load ({@link RoomHistories#warm}).
     */
    private static Future<RoomHistories.Warmed> warm(Vertx vertx, RoomHistories histories,
                                                     RoomHistories.Warming bound, AtomicBoolean closing) {
        WorkerExecutor workers = vertx.createSharedWorkerExecutor(RoomServer.STORE_WORKERS, RoomServer.STORE_WORKER_COUNT);
        return workers.executeBlocking(() -> histories.warm(bound, closing::get), false)
                .onComplete(done -> workers.close())
                .onSuccess(warmed -> LOG.log(Level.INFO, "warmed {0} room histories ({1} events) in {2} ms",
                        new Object[] {warmed.rooms().size(), warmed.events(), warmed.millis()}))
                .onFailure(failure -> LOG.log(Level.WARNING, "warming the room histories failed; rooms load on first use",
                        failure));
    }

    /** The warming started with the server: completes once it has loaded what its bound allows. */
    public Future<RoomHistories.Warmed> warming() {
        return warming;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://" + urlHost + ":" + port + "/";
    }

    /** The host a browser on this machine uses to reach the listening address. */
    private static String urlHost(String host) {
        if (Settings.ALL_INTERFACES.equals(host) || "::".equals(host)) {
            return "localhost";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public void close() throws Exception {
        closing.set(true);
        try {
            // Before the store closes under it; it stops after the room it is loading.
            warming.toCompletionStage().toCompletableFuture().get(WARMING_STOP_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            // failed or slow: logged where it failed; closing goes on
        }
        vertx.close().await();
        store.close();
        if (adminTokenFile != null) {
            Files.deleteIfExists(adminTokenFile);
        }
        if (lock != null) {
            lock.close();
        }
    }

    /**
     * Where and how the server runs.
     *
     * @param cluster null for a standalone node
     * @param host     the listening address
     * @param warming  which rooms' histories are loaded in the background after the start
     */
    public record Settings(int port, Path data, int snapshotEvery, Limits limits, Database database, Cluster cluster,
                           String host, RoomHistories.Warming warming) {
        /** Every interface, as before {@code --host} existed. */
        public static final String ALL_INTERFACES = "0.0.0.0";

        public Settings(int port, Path data, int snapshotEvery, Limits limits, Database database, Cluster cluster,
                        String host) {
            this(port, data, snapshotEvery, limits, database, cluster, host, RoomHistories.Warming.DEFAULTS);
        }

        /** The same settings with another warming bound. */
        public Settings withWarming(RoomHistories.Warming bound) {
            return new Settings(port, data, snapshotEvery, limits, database, cluster, host, bound);
        }

        public Settings(int port, Path data, int snapshotEvery, Limits limits, Database database, Cluster cluster) {
            this(port, data, snapshotEvery, limits, database, cluster, ALL_INTERFACES);
        }

        public Settings(int port, Path data, int snapshotEvery) {
            this(port, data, snapshotEvery, Limits.DEFAULTS);
        }

        public Settings(int port, Path data, int snapshotEvery, Limits limits) {
            this(port, data, snapshotEvery, limits, new Database.H2(data), null);
        }
    }
}
