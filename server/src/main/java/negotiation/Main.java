package negotiation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import negotiation.store.DataDirectoryLock;
import negotiation.store.Database;
import negotiation.web.Limits;

/** Starts the room server from the command line: reads the flags, starts, prints the URL. */
public final class Main {
    static final String USAGE = """
            usage: java -jar server/target/room-server.jar [options]
              --port N              HTTP and WebSocket port; 0 picks a free one (default 8080)
              --data DIR            directory of the H2 event store (default ./data)
              --snapshot-every N    snapshot a room every N events (default 100)
              --rate-limit N        messages and API requests per second per token (default 50)
              --burst N             requests a token may send at once before the rate applies (default 200)
              --idle-timeout S      close connections silent for S seconds; sockets are pinged (default 90)
              --slow-consumer S     close sockets whose write queue stays full for S seconds (default 30)
              --allowed-origin URL  a browser origin allowed to open sockets besides the server's own;
                                    repeat for several (default: same origin only)
              --db URL              store events in PostgreSQL (jdbc:postgresql://host:port/db) instead of
                                    the H2 file; or set ROOMS_DB_URL. User and password: --db-user,
                                    --db-password or ROOMS_DB_USER, ROOMS_DB_PASSWORD
              --cluster             join a Vert.x cluster (Hazelcast over TCP) with the other nodes
              --cluster-host H      this node's cluster address (default 127.0.0.1)
              --cluster-port N      this node's Hazelcast port (default 5701)
              --cluster-members L   comma-separated host:port of the cluster's members
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (negotiation.mediation.MediatorTool.handles(args)) { // verify FILE, replay FILE: offline, no server
            System.exit(negotiation.mediation.MediatorTool.run(args, System.out, System.err));
            return;
        }
        for (java.util.logging.Handler handler : java.util.logging.Logger.getLogger("").getHandlers()) {
            handler.setFormatter(new JsonLogFormatter());
        }
        Server.Settings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        try {
            Server server = Server.start(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (Exception ignored) {
                    // the process is ending anyway
                }
            }));
            System.out.println("Negotiation rooms listening on " + server.url() + " (" + describe(settings) + ")");
        } catch (DataDirectoryLock.DataDirectoryInUse e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String describe(Server.Settings settings) {
        String store = settings.database() instanceof Database.Postgres postgres
                ? "events: " + postgres.url()
                : "data: " + settings.data().toAbsolutePath().normalize();
        return settings.cluster() == null ? store : store + ", cluster member on " + settings.cluster().host() + ":"
                + settings.cluster().port();
    }

    static Server.Settings parse(String[] args) {
        int port = 8080;
        Path data = Path.of("data");
        int snapshotEvery = 100;
        Limits defaults = Limits.DEFAULTS;
        int rate = defaults.ratePerSecond();
        int burst = defaults.burst();
        int idle = defaults.idleSeconds();
        int slow = defaults.slowSeconds();
        List<String> origins = new ArrayList<>();
        String dbUrl = System.getenv("ROOMS_DB_URL");
        String dbUser = System.getenv().getOrDefault("ROOMS_DB_USER", "rooms");
        String dbPassword = System.getenv().getOrDefault("ROOMS_DB_PASSWORD", "");
        boolean cluster = false;
        String clusterHost = "127.0.0.1";
        int clusterPort = 5701;
        List<String> members = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--db" -> dbUrl = value(args, ++i, "--db");
                case "--db-user" -> dbUser = value(args, ++i, "--db-user");
                case "--db-password" -> dbPassword = value(args, ++i, "--db-password");
                case "--cluster" -> cluster = true;
                case "--cluster-host" -> clusterHost = value(args, ++i, "--cluster-host");
                case "--cluster-port" -> clusterPort = integer(args, ++i, "--cluster-port", 1, 65535);
                case "--cluster-members" -> members = List.of(value(args, ++i, "--cluster-members").split(","));
                case "--rate-limit" -> rate = integer(args, ++i, "--rate-limit", 1, 1_000_000);
                case "--burst" -> burst = integer(args, ++i, "--burst", 1, 1_000_000);
                case "--idle-timeout" -> idle = integer(args, ++i, "--idle-timeout", 1, 86_400);
                case "--slow-consumer" -> slow = integer(args, ++i, "--slow-consumer", 1, 86_400);
                case "--allowed-origin" -> origins.add(value(args, ++i, "--allowed-origin"));
                case "--port" -> port = integer(args, ++i, "--port", 0, 65535);
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--snapshot-every" -> snapshotEvery = integer(args, ++i, "--snapshot-every", 1, Integer.MAX_VALUE);
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown flag " + args[i]);
            }
        }
        if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--db must be a jdbc:postgresql: URL, got " + dbUrl);
        }
        Database database = dbUrl == null ? new Database.H2(data) : new Database.Postgres(dbUrl, dbUser, dbPassword);
        return new Server.Settings(port, data, snapshotEvery, new Limits(rate, burst, idle, slow, List.copyOf(origins)),
                database, cluster ? new Cluster(clusterHost, clusterPort, members) : null);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int integer(String[] args, int i, String flag, int min, int max) {
        String raw = value(args, i, flag);
        try {
            int n = Integer.parseInt(raw);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(flag + " must be an integer from " + min + " to " + max + ", got " + raw);
    }
}
