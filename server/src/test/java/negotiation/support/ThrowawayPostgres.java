package negotiation.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import negotiation.store.Database;

/**
 * A real PostgreSQL server from Debian's packages, started once per test JVM in a temporary
 * directory on a free loopback port, and stopped when the JVM exits. Tests that need it
 * call {@link #database()}; on a machine without PostgreSQL it is empty and they are skipped
 * ({@code .ci/run} installs the package, so in CI they always run).
 */
public final class ThrowawayPostgres {
    private static Optional<Database.Postgres> instance;

    private ThrowawayPostgres() {
    }

    /** A fresh database on the shared throwaway server, or empty when PostgreSQL is not installed. */
    public static synchronized Optional<Database.Postgres> database() {
        if (instance == null) {
            instance = start();
        }
        return instance.map(server -> fresh(server));
    }

    private static Optional<Database.Postgres> start() {
        Optional<Path> bin = binaries();
        if (bin.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path dir = Files.createTempDirectory("rooms-pg");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", "postgres", dir.toString()), false);
            }
            Path data = dir.resolve("data");
            run(List.of(bin.get().resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "rooms",
                    "-E", "UTF8"), root);
            run(List.of(bin.get().resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(),
                    "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=on", "-w", "start"), root);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(List.of(bin.get().resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"),
                            root);
                    deleteTree(dir);
                } catch (Exception ignored) {
                    // the temporary directory goes with the machine
                }
            }));
            return Optional.of(new Database.Postgres("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "rooms", ""));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("PostgreSQL is installed but a throwaway server did not start", e);
        }
    }

    private static int databases;

    /** Each caller gets its own database on the server, so tests never see each other's rooms. */
    private static Database.Postgres fresh(Database.Postgres server) {
        String name = "rooms" + (++databases);
        try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a test database", e);
        }
        return new Database.Postgres(server.url().replace("/postgres", "/" + name), server.user(), server.password());
    }

    /** One of PostgreSQL's programs (pg_dump, pg_restore...) from the installed version the server runs, if installed. */
    public static Optional<Path> tool(String name) {
        return binaries().map(bin -> bin.resolve(name)).filter(Files::isExecutable);
    }

    private static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed: " + output);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
