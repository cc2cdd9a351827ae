package negotiation;

import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import negotiation.mediation.MediatorTool;
import negotiation.readmodel.RoomHistories;
import negotiation.store.DataDirectoryLock;
import negotiation.store.Database;
import negotiation.store.StoreBound;
import negotiation.store.StoreHealth;
import negotiation.web.Limits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The jar's command line: with no command it starts the room server; {@code verify} and
 * {@code replay} are the mediator's offline tools. Every option is defined once, here, and the
 * usage text is generated from these definitions (the README's list is checked against them).
 */
@Command(name = "java -jar server/target/room-server.jar", mixinStandardHelpOptions = true,
        version = "negotiation rooms 1.0", sortOptions = false, usageHelpWidth = 110,
        subcommands = {MediatorTool.VerifyCommand.class, MediatorTool.ReplayCommand.class,
                BackupCommands.BackupCommand.class, BackupCommands.RestoreCommand.class},
        description = "Starts the negotiation room server (HTTP, WebSocket and the browser app).")
public final class Main implements Callable<Integer> {
    private static final Limits DEFAULTS = Limits.DEFAULTS;

    /** The process's exit codes (docs/operating.md lists them). */
    public static final class ExitCode {
        public static final int OK = 0;
        /** The server could not listen (port taken, not this machine's address) or the data directory is in use. */
        public static final int CANNOT_START = 1;
        /** A usage error: an unknown option or a value out of its range (picocli's own code). */
        public static final int USAGE = 2;
        /** The store could not be opened because its storage fails: no space left, an I/O error, read-only. */
        public static final int STORAGE_FAILED = 3;
        /** The store could not be opened for another reason (a damaged file, a database that refuses us). */
        public static final int STORE_DID_NOT_OPEN = 4;
        /** {@code backup} wrote no backup, or {@code restore} refused the backup (damaged, not a backup): nothing changed. */
        public static final int BACKUP_FAILED = 5;

        private ExitCode() {
        }
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "HTTP and WebSocket port; 0 picks a free one (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "0.0.0.0",
            description = "listening address, e.g. 127.0.0.1 for this machine only (default ${DEFAULT-VALUE}: every interface)")
    String host;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "directory of the H2 event store (default ./${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--snapshot-every", paramLabel = "N", defaultValue = "100",
            description = "snapshot a room every N events (default ${DEFAULT-VALUE})")
    int snapshotEvery;

    @Option(names = "--rate-limit", paramLabel = "N", description = "messages and API requests per second per token (default ${DEFAULT-VALUE})")
    int rate = DEFAULTS.ratePerSecond();

    @Option(names = "--burst", paramLabel = "N", description = "requests a token may send at once before the rate applies (default ${DEFAULT-VALUE})")
    int burst = DEFAULTS.burst();

    @Option(names = "--idle-timeout", paramLabel = "S", description = "close connections silent for S seconds; sockets are pinged (default ${DEFAULT-VALUE})")
    int idle = DEFAULTS.idleSeconds();

    @Option(names = "--slow-consumer", paramLabel = "S", description = "close sockets whose write queue stays full for S seconds (default ${DEFAULT-VALUE})")
    int slow = DEFAULTS.slowSeconds();

    @Option(names = "--connections-per-address", paramLabel = "N",
            description = "open connections one client address may hold; behind a proxy that is the proxy's, so raise it"
                    + " or cap per client in the proxy; 0: no cap (default ${DEFAULT-VALUE})")
    int connectionsPerAddress = DEFAULTS.connectionsPerAddress();

    @Option(names = "--head-timeout", paramLabel = "S",
            description = "close a connection that takes more than S seconds to send a request's headers (default ${DEFAULT-VALUE})")
    int headTimeout = DEFAULTS.headSeconds();

    @Option(names = "--fsync", description = "with the H2 file: force it to the disk before acknowledging each batch of commits, "
            + "so an acknowledged command survives a power loss, not only a crash (slower: see README, Durability)")
    boolean fsync;

    @Option(names = "--max-store-size", paramLabel = "SIZE",
            description = "H2: refuse commands as unavailable (nothing recorded) while the store file is at least SIZE, e.g. "
                    + "2GB or 500MB; they are taken again once it is smaller (default: no limit; commands are refused"
                    + " anyway while the disk has under 8 MB free; docs/operating.md)")
    String maxStoreSize;

    @Option(names = "--warm-rooms", paramLabel = "N",
            description = "after a start, load the histories of the N most recently used rooms in the background, so their "
                    + "first read is served from memory; 0 turns this off (default ${DEFAULT-VALUE})")
    int warmRooms = RoomHistories.Warming.DEFAULTS.rooms();

    @Option(names = "--warm-events", paramLabel = "N",
            description = "at most N events in all for --warm-rooms; a longer room is left to its first read "
                    + "(default ${DEFAULT-VALUE})")
    int warmEvents = (int) RoomHistories.Warming.DEFAULTS.events();

    @Option(names = "--allowed-origin", paramLabel = "URL",
            description = "a browser origin allowed to open sockets besides the server's own; repeat for several (default: same origin only)")
    List<String> origins = new ArrayList<>();

    @Option(names = "--db", paramLabel = "URL", defaultValue = "${env:ROOMS_DB_URL}",
            description = "store events in PostgreSQL (jdbc:postgresql://host:port/db) instead of the H2 file; or set ROOMS_DB_URL")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "NAME", defaultValue = "${env:ROOMS_DB_USER:-rooms}",
            description = "PostgreSQL user, or ROOMS_DB_USER (default rooms)")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "SECRET", defaultValue = "${env:ROOMS_DB_PASSWORD:-}",
            description = "PostgreSQL password, or ROOMS_DB_PASSWORD (the environment keeps it out of the process list)")
    String dbPassword;

    @Option(names = "--verbose", description = "when the server cannot start, print the stack trace after the message")
    boolean verbose;

    @Option(names = "--cluster", description = "join a Vert.x cluster (Hazelcast over TCP) with the other nodes")
    boolean cluster;

    @Option(names = "--cluster-host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "this node's cluster address (default ${DEFAULT-VALUE})")
    String clusterHost;

    @Option(names = "--cluster-port", paramLabel = "N", defaultValue = "5701",
            description = "this node's Hazelcast port (default ${DEFAULT-VALUE})")
    int clusterPort;

    @Option(names = "--cluster-members", paramLabel = "L", split = ",",
            description = "comma-separated host:port of the cluster's members")
    List<String> members = new ArrayList<>();

    /** The server this command started, if it did: the process then stays up for it. */
    private Server started;

    Server started() {
        return started;
    }

    public static void main(String[] args) {
        for (java.util.logging.Handler handler : java.util.logging.Logger.getLogger("").getHandlers()) {
            handler.setFormatter(new JsonLogFormatter());
        }
        Main main = new Main();
        int code = commandLine(main).execute(args);
        if (main.started == null) {
            System.exit(code);
        }
    }

    /** The parser for the whole jar: server options and the offline subcommands. */
    public static CommandLine commandLine(Main main) {
        return new CommandLine(main).setUsageHelpAutoWidth(false);
    }

    @Override
    public Integer call() {
        Server.Settings settings = settings();
        try {
            started = Server.start(settings);
        } catch (DataDirectoryLock.DataDirectoryInUse e) {
            return fail("error: " + e.getMessage());
        } catch (Server.StoreDidNotOpen e) {
            return storeDidNotOpen(settings, e);
        } catch (Exception e) {
            if (isBindFailure(e)) {
                return fail("error: cannot listen on " + settings.host() + ":" + settings.port()
                        + ": the address is in use or not this machine's; choose another with --port"
                        + " (0 picks a free one) or --host");
            }
            throw new IllegalStateException("the server did not start", e);
        }
        Server server = started;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // the process is ending anyway
            }
        }));
        System.out.println("Negotiation rooms listening on " + server.url() + " (" + describe(settings) + ")");
        return 0;
    }

    /** The settings these options describe; a value out of its range is a usage error (exit 2). */
    Server.Settings settings() {
        check("--port", port, 0, 65535);
        check("--snapshot-every", snapshotEvery, 1, Integer.MAX_VALUE);
        check("--rate-limit", rate, 1, 1_000_000);
        check("--burst", burst, 1, 1_000_000);
        check("--idle-timeout", idle, 1, 86_400);
        check("--slow-consumer", slow, 1, 86_400);
        check("--connections-per-address", connectionsPerAddress, 0, 1_000_000);
        check("--head-timeout", headTimeout, 1, 3_600);
        check("--cluster-port", clusterPort, 1, 65535);
        check("--warm-rooms", warmRooms, 0, 10_000);
        check("--warm-events", warmEvents, 0, Integer.MAX_VALUE);
        boolean postgres = dbUrl != null && !dbUrl.isEmpty();
        if (postgres && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ParameterException(spec.commandLine(), "--db must be a jdbc:postgresql: URL, got " + dbUrl);
        }
        if (postgres && maxStoreSize != null) {
            throw new ParameterException(spec.commandLine(), "--max-store-size bounds the H2 file; with --db, bound"
                    + " PostgreSQL's own disk instead");
        }
        Database database = postgres ? new Database.Postgres(dbUrl, dbUser, dbPassword)
                : new Database.H2(data, fsync, storeBound());
        return new Server.Settings(port, data, snapshotEvery, new Limits(rate, burst, idle, slow, List.copyOf(origins),
                        connectionsPerAddress, headTimeout),
                database, cluster ? new Cluster(clusterHost, clusterPort, List.copyOf(members)) : null, host,
                new RoomHistories.Warming(warmRooms, warmEvents));
    }

    /** The H2 store's bound: {@code --max-store-size}, if given, and the free space always kept. */
    private StoreBound storeBound() {
        if (maxStoreSize == null) {
            return StoreBound.DEFAULTS;
        }
        long bytes;
        try {
            bytes = StoreBound.parseSize(maxStoreSize);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--max-store-size: " + e.getMessage());
        }
        if (bytes < StoreBound.SMALLEST_MAX) {
            throw new ParameterException(spec.commandLine(), "--max-store-size must be at least 1MB, got " + maxStoreSize);
        }
        return StoreBound.DEFAULTS.withMaxFileBytes(bytes);
    }

    private void check(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(),
                    option + " must be an integer from " + min + " to " + max + ", got " + value);
        }
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(message);
        err.flush();
        return ExitCode.CANNOT_START;
    }

    /**
     * One plain paragraph on what failed, where, the free space and what to do; the stack trace
     * only with {@code --verbose}.
     */
    private int storeDidNotOpen(Server.Settings settings, Server.StoreDidNotOpen failure) {
        Optional<StoreHealth.Failure> storage = StoreHealth.classify(failure);
        String where = settings.database() instanceof Database.Postgres postgres
                ? "the PostgreSQL database " + postgres.url()
                : "the data directory " + settings.data().toAbsolutePath().normalize() + " ("
                        + StoreHealth.freeSpace(settings.data()) + ")";
        String message;
        int code;
        if (storage.isPresent()) {
            StoreHealth.Failure cause = storage.get();
            message = "error: the server did not start: the event store could not write (" + cause.cause().phrase()
                    + ": " + cause.detail() + ") in " + where + ". " + advice(cause.cause(), settings)
                    + " Nothing stored so far was changed; start the server again once the store can write."
                    + " Exit code " + ExitCode.STORAGE_FAILED + ".";
            code = ExitCode.STORAGE_FAILED;
        } else {
            message = "error: the server did not start: the event store in " + where + " could not be opened ("
                    + rootMessage(failure) + "). Check that it is a room server's store and that nothing else"
                    + " changed it; run again with --verbose for the details. Exit code " + ExitCode.STORE_DID_NOT_OPEN + ".";
            code = ExitCode.STORE_DID_NOT_OPEN;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println(message);
        if (verbose) {
            failure.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static String advice(StoreHealth.Cause cause, Server.Settings settings) {
        boolean postgres = settings.database() instanceof Database.Postgres;
        return switch (cause) {
            case NO_SPACE -> postgres ? "Free space on the database server."
                    : "Free space on that file system, or enlarge it, or move the whole data directory to a larger"
                            + " one and start with --data DIR.";
            case READ_ONLY -> "Make that file system writable (it may have been remounted read-only after errors).";
            case UNREACHABLE -> "Check that the database server runs and is reachable from here.";
            case IO_ERROR -> "Check the disk and the kernel log (dmesg) for errors.";
        };
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + ": " + message;
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException || String.valueOf(cause.getMessage()).contains("Address already in use")
                    || String.valueOf(cause.getMessage()).contains("Cannot assign requested address")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Server.Settings settings) {
        String store = settings.database() instanceof Database.Postgres postgres
                ? "events: " + postgres.url()
                : "data: " + settings.data().toAbsolutePath().normalize();
        return settings.cluster() == null ? store : store + ", cluster member on " + settings.cluster().host() + ":"
                + settings.cluster().port();
    }
}
