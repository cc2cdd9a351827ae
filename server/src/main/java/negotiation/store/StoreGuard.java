package negotiation.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import negotiation.room.RoomRejection;

/**
 * Refuses commands before the disk is full, while the H2 file is at its {@link StoreBound} or its
 * file system has less free than the bound keeps. The file's size and the free space are read
 * every {@link #CHECK_EVERY} on this class's own thread (two system calls), never on an event
 * loop or a command's path: a command only reads the last verdict. A refused command touches
 * nothing, so writes resume by themselves once the file is under its bound again (the compaction
 * shrinks it once writes stop) or space is freed, and stays so for {@link #RESUME_AFTER}. The bound can be overshot by what the store
 * writes in one check's interval, a few MB at the highest write rates measured (docs/operating.md).
 */
final class StoreGuard implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StoreGuard.class.getName());
    static final Duration CHECK_EVERY = Duration.ofMillis(100);
    /**
     * Commands are taken again once every check for this long found the store within its bound:
     * an idle compaction pass (one a second) writes the chunks it moves before it cuts the file's
     * end, and a file just under its bound was seen back over it for a moment.
     */
    static final Duration RESUME_AFTER = Duration.ofSeconds(3);

    /** Why commands are refused now: the words for clients, and the operator's reason. */
    private record Refusal(String phrase, String reason) {
    }

    private final Path directory;
    private final Path file;
    private final StoreBound bound;
    private final AtomicLong refused = new AtomicLong();
    private volatile Refusal refusal;
    /** While refusing: since when (nanoTime) every check found the store within its bound; 0 if the last did not. */
    private long underSince;
    private FileStore fileSystem;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "store-guard");
        thread.setDaemon(true);
        return thread;
    });

    StoreGuard(Path directory, StoreBound bound) {
        this.directory = directory.toAbsolutePath().normalize();
        this.file = this.directory.resolve(Backup.DATABASE_ENTRY);
        this.bound = bound;
        check();
        if (bound.maxFileBytes() != StoreBound.NO_MAX || bound.minFreeBytes() > 0) {
            checker.scheduleWithFixedDelay(this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Refuses a command that would append, as {@code unavailable}, while the store is at its bound. */
    void checkRoom() {
        Refusal now = refusal;
        if (now != null) {
            refused.incrementAndGet();
            throw new RoomRejection("unavailable", "the server cannot store events right now (" + now.phrase()
                    + "); nothing was recorded; try again later");
        }
    }

    /** Why commands are refused now, for {@code /health/ready}; null while they are taken. */
    String notReadyReason() {
        Refusal now = refusal;
        return now == null ? null : now.reason();
    }

    private void check() {
        Refusal before = refusal;
        Refusal now;
        long size;
        long free;
        try {
            size = size();
            free = free();
        } catch (IOException | RuntimeException e) {
            return; // the next check tells; a failing disk fails the next write, which StoreHealth reports
        }
        if (size >= bound.maxFileBytes()) {
            now = new Refusal("storage full: the event store has reached its size limit of " + StoreHealth.bytes(
                    bound.maxFileBytes()), "the event store's file " + file + " is " + StoreHealth.bytes(size)
                    + ", at its --max-store-size of " + StoreHealth.bytes(bound.maxFileBytes()) + ": commands are refused"
                    + " until it is smaller (the compaction shrinks it once writes stop, freeing space written over 45 s"
                    + " before) or the server restarts with a larger --max-store-size");
        } else if (free < bound.minFreeBytes()) {
            now = new Refusal("storage full: under " + StoreHealth.bytes(bound.minFreeBytes())
                    + " left free on the server's disk", lowSpace(free, bound.minFreeBytes(), directory));
        } else {
            now = null;
        }
        if (now == null && before != null) {
            if (underSince == 0) {
                underSince = System.nanoTime();
            }
            if (System.nanoTime() - underSince < RESUME_AFTER.toNanos()) {
                return; // not yet: a compaction pass may grow the file for a moment while it moves chunks
            }
        }
        underSince = 0;
        refusal = now;
        if (now != null && (before == null || !before.phrase().equals(now.phrase()))) {
            LOG.log(Level.WARNING, "the event store refuses commands as \"unavailable\": {0}", now.reason());
        } else if (now == null && before != null) {
            LOG.log(Level.INFO, "the event store takes commands again: its file is {0} ({1} limit), {2} free in {3};"
                    + " {4} commands were refused meanwhile", new Object[] {StoreHealth.bytes(size), bound.maxFileBytes()
                    == StoreBound.NO_MAX ? "no" : StoreHealth.bytes(bound.maxFileBytes()), StoreHealth.bytes(free),
                    directory, refused.getAndSet(0)});
        }
    }

    /** Readiness's reason while the data directory has {@code usable} bytes free, under {@code kept}. */
    private static String lowSpace(long usable, long kept, Path dataDirectory) {
        return "the event store's file system is almost full: " + StoreHealth.bytes(usable) + " free in the data directory "
                + dataDirectory.toAbsolutePath().normalize() + ", under the " + StoreHealth.bytes(kept)
                + " the store keeps free; commands are refused until there is";
    }

    private long size() throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private long free() throws IOException {
        if (fileSystem == null) {
            fileSystem = Files.getFileStore(directory);
        }
        return fileSystem.getUsableSpace();
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
