package negotiation.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The data directory holds the rooms' events and every party's keys, so only the server's own user
 * may read it: directories 0700 and files 0600, whatever the umask. Files are created with those
 * permissions (a umask only takes bits away, so it cannot widen them); files that others create there
 * (H2's database, made under the umask) and files left by earlier versions are narrowed by
 * {@link #check}, which the store runs when it takes the directory and again once H2 has opened its
 * file. On a file system without POSIX permissions nothing is changed.
 */
public final class OwnerOnlyFiles {
    private static final Logger LOG = Logger.getLogger(OwnerOnlyFiles.class.getName());
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnlyFiles() {
    }

    /** Creates the directory and its missing parents, each owner-only. */
    public static void createDirectories(Path directory) throws IOException {
        if (POSIX) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } else {
            Files.createDirectories(directory);
        }
    }

    /** Opens a file, creating it owner-only if the options create it. */
    static FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException {
        FileAttribute<?>[] attributes = POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
        return FileChannel.open(file, options, attributes);
    }

    /**
     * Narrows the data directory, every file directly in it and everything under its {@code keys}
     * directory to owner-only, logging a warning for each one that was open to other users (fixed,
     * or, when it is another user's, left as it is). Returns the
     * paths that were open to others.
     */
    public static List<Path> check(Path dataDirectory) {
        return check(dataDirectory, true);
    }

    /**
     * As {@link #check(Path)}; unreported, for the files the store has just had made under the umask
     * (H2's database file at its first open), which are no one's mistake.
     */
    static List<Path> check(Path dataDirectory, boolean report) {
        List<Path> open = new ArrayList<>();
        if (!POSIX || !Files.isDirectory(dataDirectory)) {
            return open;
        }
        List<Path> paths = new ArrayList<>();
        paths.add(dataDirectory);
        try (Stream<Path> direct = Files.list(dataDirectory)) {
            direct.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(paths::add);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list {0} to check its permissions: {1}", new Object[] {dataDirectory, e});
        }
        Path keys = dataDirectory.resolve("keys");
        if (Files.isDirectory(keys, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(keys)) {
                walk.filter(p -> !Files.isSymbolicLink(p)).forEach(paths::add);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot walk {0} to check its permissions: {1}", new Object[] {keys, e});
            }
        }
        for (Path path : paths) {
            if (narrow(path, report)) {
                open.add(path);
            }
        }
        return open;
    }

    /** True when the path was readable, writable or searchable by others than its owner. */
    private static boolean narrow(Path path, boolean report) {
        try {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> wanted = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? DIRECTORY : FILE;
            Set<PosixFilePermission> others = new HashSet<>(now);
            others.removeAll(DIRECTORY);
            if (others.isEmpty()) {
                return false;
            }
            String was = PosixFilePermissions.toString(now);
            // The owner's own bits stay as they are (a file the owner made read-only stays so).
            Set<PosixFilePermission> narrowed = new HashSet<>(now);
            narrowed.retainAll(wanted);
            Files.setPosixFilePermissions(path, narrowed);
            LOG.log(report ? Level.WARNING : Level.FINE, "{0} was {1}, open to other users: made owner-only ({2})",
                    new Object[] {path, was, PosixFilePermissions.toString(narrowed)});
        } catch (IOException | UnsupportedOperationException e) {
            // Another user's file (chmod is refused): it stays as it is, and the warning says so.
            LOG.log(Level.WARNING, "{0} is open to other users and cannot be made owner-only: {1}", new Object[] {path, e});
        }
        return true;
    }
}
