package negotiation;

import java.nio.file.Path;
import negotiation.store.DataDirectoryLock;

/** Starts the room server from the command line: reads the flags, starts, prints the URL. */
public final class Main {
    static final String USAGE = """
            usage: java -jar server/target/room-server.jar [--port N] [--data DIR] [--snapshot-every N]
              --port N            HTTP and WebSocket port; 0 picks a free one (default 8080)
              --data DIR          directory of the H2 event store (default ./data)
              --snapshot-every N  snapshot a room every N events (default 100)
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
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
            System.out.println("Negotiation rooms listening on " + server.url() + " (data: "
                    + settings.data().toAbsolutePath().normalize() + ")");
        } catch (DataDirectoryLock.DataDirectoryInUse e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    static Server.Settings parse(String[] args) {
        int port = 8080;
        Path data = Path.of("data");
        int snapshotEvery = 100;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
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
        return new Server.Settings(port, data, snapshotEvery);
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
