package negotiation;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import negotiation.store.Backup;
import negotiation.store.DataDirectoryLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The operator's {@code backup} and {@code restore} commands (docs/operating.md, "Backup and restore"). */
final class BackupCommands {
    private static final String KEYS_NOTE = "Party keys are not in a backup and a restore keeps the data directory's"
            + " own, so data erased after the backup stays erased (docs/operating.md, \"Backup and restore\").";

    private BackupCommands() {
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Writes a consistent backup of the H2 event store to FILE: from the running server on --data"
                    + " while it serves, or from the store itself when no server runs on it.")
    static final class BackupCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--to", required = true, paramLabel = "FILE", description = "the backup file to write (a zip; must not exist)")
        Path to;

        @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
                description = "the server's data directory (default ./${DEFAULT-VALUE}); its admin.token authorises an online backup")
        Path data;

        @Option(names = "--server", paramLabel = "URL", defaultValue = "http://localhost:8080",
                description = "the running server's address (default ${DEFAULT-VALUE})")
        String server;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (Files.exists(to)) {
                err.println("error: " + to + " exists already; choose another file");
                return Main.ExitCode.CANNOT_START;
            }
            Path partial = to.resolveSibling(to.getFileName() + ".partial");
            long started = System.nanoTime();
            String how;
            try {
                try (DataDirectoryLock lock = DataDirectoryLock.acquire(data)) {
                    Backup.takeOffline(data, partial);
                    how = "from the store (no server was running on it)";
                } catch (DataDirectoryLock.DataDirectoryInUse running) {
                    fetch(partial);
                    how = "from the running server at " + server;
                }
                Backup.Manifest manifest = Backup.check(partial);
                Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
                out.println(String.format(Locale.ROOT, "backup written to %s %s: %d events in %d rooms, %.1f MB, in %d ms.",
                        to, how, manifest.events(), manifest.rooms(), Files.size(to) / (1024.0 * 1024),
                        (System.nanoTime() - started) / 1_000_000));
                out.println(KEYS_NOTE);
                out.flush();
                return Main.ExitCode.OK;
            } catch (Exception e) {
                Files.deleteIfExists(partial);
                err.println("error: no backup was written: " + e.getMessage());
                err.flush();
                return Main.ExitCode.BACKUP_FAILED;
            }
        }

        private void fetch(Path partial) throws Exception {
            Path tokenFile = data.resolve(Server.ADMIN_TOKEN_FILE);
            if (!Files.isReadable(tokenFile)) {
                throw new IllegalStateException("a server runs on " + data.toAbsolutePath() + " but " + tokenFile
                        + " cannot be read (run this as the server's user)");
            }
            String token = Files.readString(tokenFile).trim();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.replaceAll("/+$", "") + "/admin/backup"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            HttpResponse<Path> answer = http.send(request, HttpResponse.BodyHandlers.ofFile(partial));
            if (answer.statusCode() != 200) {
                String body = Files.readString(partial);
                throw new IllegalStateException("the server at " + server + " answered " + answer.statusCode() + ": " + body);
            }
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Restores a backup into a data directory no server runs on; the database there is moved aside,"
                    + " the party keys there are kept.")
    static final class RestoreCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "FILE", description = "a backup written by the backup command")
        Path from;

        @Option(names = "--data", required = true, paramLabel = "DIR", description = "the data directory to restore into")
        Path data;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                Backup.check(from); // before anything in the data directory is touched, its lock included
                try (DataDirectoryLock lock = DataDirectoryLock.acquire(data)) {
                    Backup.Restored restored = Backup.restore(from, data);
                    out.println("restored " + from + " (taken " + restored.manifest().taken() + ": "
                            + restored.manifest().events() + " events in " + restored.manifest().rooms() + " rooms) into "
                            + data.toAbsolutePath().normalize() + (restored.replacedMovedTo() == null ? ""
                            : "; the database that was there is now " + restored.replacedMovedTo()) + ".");
                    out.println(KEYS_NOTE);
                    if (!restored.keysPresent()) {
                        out.println("warning: " + data.resolve("keys") + " does not exist: every party's private data in"
                                + " the restored rooms reads as erased. Copy the keys directory of the server the backup"
                                + " came from into it before the first start, if you still have it.");
                    }
                    out.flush();
                    return Main.ExitCode.OK;
                }
            } catch (Backup.Refused e) {
                err.println("error: the backup is refused, and nothing in " + data + " was changed: " + e.getMessage());
                err.flush();
                return Main.ExitCode.BACKUP_FAILED;
            } catch (DataDirectoryLock.DataDirectoryInUse e) {
                err.println("error: " + e.getMessage().replace("start this one with --data DIR", "restore into another")
                        + "; nothing was changed");
                err.flush();
                return Main.ExitCode.CANNOT_START;
            }
        }
    }
}
