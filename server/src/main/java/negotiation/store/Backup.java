package negotiation.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;
import negotiation.Json;
import org.h2.mvstore.MVStore;

/**
 * A backup of the H2 event store, and its restore. The backup is one zip: {@code rooms.mv.db},
 * a transactionally consistent copy that H2's {@code BACKUP TO} takes while the server writes,
 * and {@code backup.json}, what it holds (events, rooms, the copy's SHA-256).
 *
 * <p><b>Party keys are never in a backup, and a restore never touches them.</b> A party's
 * private data is sealed under its key, and erasing the data destroys the key
 * (crypto-shredding). A backup taken before an erasure still holds the sealed data; if it
 * held the key too, restoring it would bring the erased data back. So a restore replaces the
 * event database only and keeps the data directory's {@code keys/} as it is now: what was
 * erased after the backup stays unreadable. The price: restored into a directory without its
 * keys (a new disk), every party's private data reads as erased; the public log, its hashes
 * and agreements are whole (docs/operating.md, "Backup and restore").
 */
public final class Backup {
    static final String DATABASE_ENTRY = "rooms.mv.db";
    static final String MANIFEST_ENTRY = "backup.json";
    static final int FORMAT = 1;

    private Backup() {
    }

    /** What a backup holds, as its manifest says. */
    public record Manifest(int format, String taken, long events, long rooms, String sha256, long bytes) {
    }

    /** A backup refused at restore (damaged, not a backup, or not for this store), with a plain reason. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }

        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Takes a backup of the open store behind {@code pool} into {@code target} (a new file),
     * through H2's {@code BACKUP TO} into a scratch file beside it. Blocking: a worker's job.
     */
    static Manifest take(DataSource pool, Path target) throws IOException, SQLException {
        long events;
        long rooms;
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            // The counts first: the copy holds at least these (it may hold a few commits more).
            events = single(statement, "SELECT COUNT(*) FROM DomainEventEntry");
            rooms = single(statement, "SELECT COUNT(DISTINCT aggregateIdentifier) FROM DomainEventEntry");
            // H2 writes the zip (its one entry, the database file, named rooms.mv.db); the manifest
            // is added to it after, without compressing the database a second time.
            statement.execute("BACKUP TO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
        }
        try {
            MessageDigest sha = sha256();
            long bytes;
            try (ZipFile h2 = new ZipFile(target.toFile())) {
                ZipEntry database = h2.getEntry(DATABASE_ENTRY);
                if (database == null) {
                    throw new IOException("H2's backup holds no " + DATABASE_ENTRY);
                }
                try (InputStream in = h2.getInputStream(database)) {
                    bytes = in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), sha));
                }
            }
            Manifest manifest = new Manifest(FORMAT, Instant.now().toString(), events, rooms,
                    HexFormat.of().formatHex(sha.digest()), bytes);
            try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(target)) {
                Files.write(zip.getPath(MANIFEST_ENTRY), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            }
            return manifest;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
    }

    /**
     * Checks a backup file without writing anything: a zip with a manifest of this format, whose
     * database copy has the SHA-256 and size the manifest names.
     */
    public static Manifest check(Path backup) throws Refused {
        Manifest manifest = null;
        String digest = null;
        long bytes = -1;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(backup))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().equals(MANIFEST_ENTRY)) {
                    manifest = manifest(zip.readAllBytes());
                } else if (entry.getName().equals(DATABASE_ENTRY)) {
                    MessageDigest sha = sha256();
                    bytes = zip.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), sha));
                    digest = HexFormat.of().formatHex(sha.digest());
                }
            }
        } catch (IOException e) {
            throw new Refused(backup + " is not a readable backup (" + e.getMessage() + ")", e);
        }
        if (manifest == null || digest == null) {
            throw new Refused(backup + " is not a room server backup: it lacks " + (manifest == null ? MANIFEST_ENTRY
                    : DATABASE_ENTRY));
        }
        if (!digest.equals(manifest.sha256()) || bytes != manifest.bytes()) {
            throw new Refused(backup + " is damaged: its database copy does not match its manifest (SHA-256 "
                    + digest + ", " + bytes + " bytes; the manifest says " + manifest.sha256() + ", "
                    + manifest.bytes() + " bytes)");
        }
        return manifest;
    }

    private static Manifest manifest(byte[] json) throws Refused {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            if (node.path("format").asInt() != FORMAT) {
                throw new Refused("the backup's format is " + node.path("format") + "; this server reads format " + FORMAT);
            }
            return Json.MAPPER.treeToValue(node, Manifest.class);
        } catch (IOException e) {
            throw new Refused("the backup's manifest is not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    /** What a restore did: the backup it restored and where the database it replaced was moved, if there was one. */
    public record Restored(Manifest manifest, Path replacedMovedTo, boolean keysPresent) {
    }

    /**
     * Restores a backup into {@code dataDirectory}, which no server may hold (the caller holds
     * its lock). The backup is checked whole and opened as a database before anything in the
     * directory changes; a database already there is moved aside, not deleted; {@code keys/} is
     * left as it is (see the class comment).
     */
    public static Restored restore(Path backup, Path dataDirectory) throws Refused, IOException {
        Manifest manifest = check(backup);
        Files.createDirectories(dataDirectory);
        // Inside the data directory, so the restored file moves into place on the same file system.
        Path scratch = Files.createTempDirectory(dataDirectory, ".restore-");
        try {
            Path database = scratch.resolve(DATABASE_ENTRY);
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(backup))) {
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                    if (entry.getName().equals(DATABASE_ENTRY)) {
                        Files.copy(zip, database);
                    }
                }
            }
            findNewestVersion(database);
            long events = countEvents(scratch);
            if (events < manifest.events()) {
                throw new Refused(backup + " is damaged: its database holds " + events + " events; the manifest says at"
                        + " least " + manifest.events());
            }
            Path current = dataDirectory.resolve(DATABASE_ENTRY);
            Path movedTo = null;
            if (Files.exists(current)) {
                movedTo = dataDirectory.resolve(DATABASE_ENTRY + ".before-restore-"
                        + Instant.now().toString().replace(":", "-"));
                Files.move(current, movedTo);
            }
            Files.move(database, current, StandardCopyOption.ATOMIC_MOVE);
            // The copy was taken from an open database: the first start treats it as after a
            // crash and runs the same repairs (H2Leftovers).
            H2Leftovers.markOpen(dataDirectory);
            return new Restored(manifest, movedTo, Files.isDirectory(dataDirectory.resolve("keys")));
        } finally {
            deleteTree(scratch);
        }
    }

    /**
     * Opens the copy once as H2 opens a damaged file, reading every chunk in it to find the newest
     * complete version, and closes it, which writes a header naming that version. H2's ordinary
     * open looks only at the chunk its header names, the chunk at the file's end and each chunk's
     * announced successor; the copy is read while the store goes on writing, so its end may be cut
     * in the middle of a chunk, and where H2 reuses freed space the newest chunks sit anywhere in
     * the file: opened the ordinary way, a copy taken under load (with a retention of 1 s, which
     * reuses space sooner) showed 44 of the 46 events it held.
     */
    private static void findNewestVersion(Path database) throws Refused {
        try {
            new MVStore.Builder().fileName(database.toString()).recoveryMode().open().close();
        } catch (RuntimeException e) {
            throw new Refused("the backup's database cannot be opened (" + e.getMessage().lines().findFirst().orElse("")
                    + ")", e);
        }
    }

    /**
     * Opens the restored copy in its scratch directory, as H2 opens it after a crash (the copy was
     * taken from an open database): a file H2 cannot read is refused here.
     */
    private static long countEvents(Path scratch) throws Refused {
        String url = "jdbc:h2:file:" + scratch.resolve("rooms").toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            return single(statement, "SELECT COUNT(*) FROM DomainEventEntry");
        } catch (SQLException | RuntimeException e) {
            throw new Refused("the backup's database cannot be opened (" + e.getMessage().lines().findFirst().orElse("")
                    + ")", e);
        }
    }

    private static long single(Statement statement, String query) throws SQLException {
        try (ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var files = Files.walk(root)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Takes a backup of the store in {@code dataDirectory} while no server runs on it (the caller holds its lock). */
    public static Manifest takeOffline(Path dataDirectory, Path target) throws IOException, SQLException {
        if (!Files.exists(dataDirectory.resolve(DATABASE_ENTRY))) {
            throw new IOException("there is no event store in " + dataDirectory.toAbsolutePath());
        }
        org.h2.jdbcx.JdbcConnectionPool pool = org.h2.jdbcx.JdbcConnectionPool.create(
                "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("rooms"), "sa", "");
        try {
            return take(pool, target);
        } finally {
            pool.dispose();
        }
    }
}
