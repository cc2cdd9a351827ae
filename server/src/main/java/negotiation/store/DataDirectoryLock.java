package negotiation.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * An exclusive OS lock on the data directory, so a second server on the same directory
 * stops with a clear message instead of fighting over the database file. The OS releases it
 * when the process dies, even on kill -9.
 */
public final class DataDirectoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks the directory, creating it if needed; throws {@link DataDirectoryInUse} when another server holds it. */
    public static DataDirectoryLock acquire(Path directory) throws IOException {
        OwnerOnlyFiles.createDirectories(directory);
        Path file = directory.resolve("server.lock");
        FileChannel channel = OwnerOnlyFiles.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE));
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                OwnerOnlyFiles.check(directory); // the owner of the directory now: files left open to others are narrowed
                return new DataDirectoryLock(channel, lock);
            }
        } catch (OverlappingFileLockException sameProcess) {
            // another server in this JVM holds it: the same answer as another process
        }
        channel.close();
        throw new DataDirectoryInUse("data directory " + directory.toAbsolutePath()
                + " is in use by another room server; stop it or start this one with --data DIR");
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }

    /** Another server already owns the data directory. */
    public static final class DataDirectoryInUse extends IOException {
        DataDirectoryInUse(String message) {
            super(message);
        }
    }
}
