package negotiation.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import negotiation.room.RoomRejection;
import org.h2.mvstore.MVStoreException;

/**
 * Whether the store can write now, and if not, why. A store operation that fails because the
 * storage fails (no space left, an I/O error, a read-only file system, PostgreSQL out of reach)
 * turns the store unavailable: the failure is logged once with its root cause, every command and
 * store read is refused at once as {@code unavailable} (without touching the store, which H2 has
 * closed after a failed write anyway), and a probe on this class's own thread, never an event
 * loop, checks every {@link #PROBE_EVERY} whether writes work again. The first probe that
 * succeeds makes the store available, and the log says so.
 *
 * <p>Other failures (a bug, a damaged row) are not storage failures: they stay {@code internal}
 * and leave the store available.
 */
public final class StoreHealth implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StoreHealth.class.getName());
    /** How often a store that cannot write is probed. */
    static final Duration PROBE_EVERY = Duration.ofSeconds(1);
    /**
     * What the probe writes and forces in the data directory: a write that fits proves there is
     * room for the next few commits, not only for a few bytes.
     */
    static final int PROBE_BYTES = 1024 * 1024;
    static final String PROBE_FILE = "write-probe.tmp";

    /** Why the storage failed; the label names it in metrics, the phrase in answers. */
    public enum Cause {
        NO_SPACE("no_space", "storage full"),
        IO_ERROR("io_error", "storage I/O error"),
        READ_ONLY("read_only", "storage read-only"),
        UNREACHABLE("unreachable", "database unreachable");

        private final String label;
        private final String phrase;

        Cause(String label, String phrase) {
            this.label = label;
            this.phrase = phrase;
        }

        /** The metric label, e.g. {@code no_space}. */
        public String label() {
            return label;
        }

        /** Plain words for an answer, e.g. "storage full". */
        public String phrase() {
            return phrase;
        }
    }

    /** A storage failure: its cause and the root error's own words (e.g. "No space left on device"). */
    public record Failure(Cause cause, String detail) {
    }

    /** The store is unavailable since {@code since}, for this failure. */
    public record Outage(Failure failure, Instant since) {
    }

    /** What the probe does once the data directory takes writes again, e.g. reopen and repair H2. */
    interface Recovery {
        void run() throws Exception;
    }

    private final Path dataDirectory;
    private final Map<Cause, LongAdder> failures = new EnumMap<>(Cause.class);
    private final AtomicLong refused = new AtomicLong();
    private volatile Outage outage;
    private volatile Recovery recovery = () -> { };
    /** Whether this outage's probe already logged a failure that was not the storage's. */
    private boolean probeFailureLogged;
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "store-probe");
        thread.setDaemon(true);
        return thread;
    });

    /** @param dataDirectory the H2 data directory, probed with a real write; null on PostgreSQL */
    StoreHealth(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
        for (Cause cause : Cause.values()) {
            failures.put(cause, new LongAdder());
        }
    }

    void recovery(Recovery recovery) {
        this.recovery = recovery;
    }

    /** The storage failure in {@code failure}'s causes, if it is one. */
    public static Optional<Failure> classify(Throwable failure) {
        Failure found = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Failure here = classifyOne(cause);
            if (here != null) {
                found = here; // the deepest one: the root cause names it best
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.ofNullable(found);
    }

    private static Failure classifyOne(Throwable cause) {
        if (cause instanceof IOException io) {
            String message = String.valueOf(io.getMessage());
            String lower = message.toLowerCase(Locale.ROOT);
            if (lower.contains("no space left") || lower.contains("disk quota exceeded")
                    || lower.contains("not enough space")) {
                return new Failure(Cause.NO_SPACE, message);
            }
            if (lower.contains("read-only file system")) {
                return new Failure(Cause.READ_ONLY, message);
            }
            // Only the file system's own errors: Jackson's parse errors are IOExceptions too, and a
            // socket's under the PostgreSQL driver is classified by its SQLState below.
            if (io.getClass() == IOException.class || io instanceof java.nio.file.FileSystemException
                    || io instanceof java.io.SyncFailedException) {
                return new Failure(Cause.IO_ERROR, message);
            }
        }
        if (cause instanceof MVStoreException mv && mv.getErrorCode() == org.h2.mvstore.DataUtils.ERROR_WRITING_FAILED) {
            return new Failure(Cause.IO_ERROR, firstLine(mv.getMessage()));
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            if (state.startsWith("53")) { // PostgreSQL: insufficient resources, 53100 disk full
                return new Failure(Cause.NO_SPACE, firstLine(sql.getMessage()));
            }
            if (state.equals("58030")) { // PostgreSQL: io_error
                return new Failure(Cause.IO_ERROR, firstLine(sql.getMessage()));
            }
            if (state.startsWith("08")) { // connection exception
                return new Failure(Cause.UNREACHABLE, firstLine(sql.getMessage()));
            }
            if (state.equals("90098")) { // H2: the database closed itself, after a failed write
                return new Failure(Cause.IO_ERROR, "the database closed itself after a failed write");
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** Refuses at once, as {@code unavailable}, while the store cannot write. */
    void checkWritable() {
        Outage now = outage;
        if (now != null) {
            refused.incrementAndGet();
            throw unavailableForWrites(now.failure().cause());
        }
    }

    /** As {@link #checkWritable}, for a read of the store. */
    void checkReadable() {
        Outage now = outage;
        if (now != null) {
            refused.incrementAndGet();
            throw unavailableForReads(now.failure().cause());
        }
    }

    /**
     * Records a store operation's failure: a storage failure makes the store unavailable (logged
     * once) and is returned as the {@code unavailable} rejection to answer with; anything else is
     * returned as it was.
     */
    RuntimeException failed(Throwable failure, boolean write) {
        Optional<Failure> storage = classify(failure);
        if (storage.isEmpty()) {
            return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        unavailable(storage.get());
        return write ? unavailableForWrites(storage.get().cause()) : unavailableForReads(storage.get().cause());
    }

    /** Records a failure seen off the request path (a snapshot, a compaction pass); true if it was a storage failure. */
    boolean observe(Throwable failure) {
        Optional<Failure> storage = classify(failure);
        storage.ifPresent(this::unavailable);
        return storage.isPresent();
    }

    private void unavailable(Failure failure) {
        Failure counted = failure;
        synchronized (this) {
            if (outage != null && failure.detail().startsWith("the database closed itself")) {
                counted = new Failure(outage.failure().cause(), failure.detail()); // a consequence, not a new cause
            }
            failures.get(counted.cause()).increment();
            if (outage != null) {
                return;
            }
            outage = new Outage(failure, Instant.now());
        }
        LOG.log(Level.SEVERE, "the event store cannot write: {0} ({1}){2}; commands are answered \"unavailable\" and"
                        + " /health/ready 503 until a write works again, checked every {3} s",
                new Object[] {failure.detail(), failure.cause().label(), where(), PROBE_EVERY.toSeconds()});
        prober.schedule(this::probe, PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probe() {
        Outage now = outage;
        if (now == null) {
            return;
        }
        try {
            if (dataDirectory != null) {
                writeProbeFile();
            }
            recovery.run();
        } catch (Exception | Error e) {
            // Still failing: counted by its cause, logged only when it changes the diagnosis.
            Optional<Failure> still = classify(e);
            if (still.isPresent() && still.get().cause() != now.failure().cause()) {
                LOG.log(Level.WARNING, "the event store still cannot write, now: {0} ({1})",
                        new Object[] {still.get().detail(), still.get().cause().label()});
                synchronized (this) {
                    outage = new Outage(still.get(), now.since());
                }
            } else if (still.isEmpty() && !probeFailureLogged) {
                probeFailureLogged = true; // once per outage: the probe runs every second
                LOG.log(Level.WARNING, "checking whether the event store writes again failed: {0}", e.getClass().getName());
            }
            prober.schedule(this::probe, PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        synchronized (this) {
            if (outage != now) {
                prober.schedule(this::probe, PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                return; // the diagnosis changed meanwhile: probe again
            }
            outage = null;
            probeFailureLogged = false;
        }
        Duration down = Duration.between(now.since(), Instant.now());
        LOG.log(Level.INFO, "the event store writes again, after {0} s{1}; {2} requests were refused meanwhile",
                new Object[] {String.format(Locale.ROOT, "%.1f", down.toMillis() / 1000.0), where(), refused.getAndSet(0)});
    }

    private void writeProbeFile() throws IOException {
        Path file = dataDirectory.resolve(PROBE_FILE);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer block = ByteBuffer.allocate(64 * 1024);
            for (int written = 0; written < PROBE_BYTES; written += block.capacity()) {
                block.clear();
                while (block.hasRemaining()) {
                    channel.write(block);
                }
            }
            channel.force(true);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Null while the store can write; else a failed write's cause, for {@code /health/ready}. A
     * file system running out of space is the {@link StoreGuard}'s to tell, before a write fails.
     */
    public String notReadyReason() {
        Outage now = outage;
        if (now == null) {
            return null;
        }
        return "the event store cannot write since " + now.since() + ": " + now.failure().detail() + " ("
                + now.failure().cause().label() + ")" + where();
    }

    /** The outage under way, if any. */
    public Optional<Outage> outage() {
        return Optional.ofNullable(outage);
    }

    /** How many store operations failed for this cause since the start (the metric {@code rooms_store_failures_total}). */
    public long failures(Cause cause) {
        return failures.get(cause).sum();
    }

    private String where() {
        return dataDirectory == null ? "" : "; data directory " + dataDirectory.toAbsolutePath().normalize() + ", "
                + freeSpace(dataDirectory);
    }

    /** "N MB free of M MB" for the file system holding {@code directory}, or why that is unknown. */
    public static String freeSpace(Path directory) {
        try {
            Path existing = directory.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            FileStore store = Files.getFileStore(existing);
            return bytes(store.getUsableSpace()) + " free of " + bytes(store.getTotalSpace());
        } catch (IOException | RuntimeException e) {
            return "free space unknown (" + e.getMessage() + ")";
        }
    }

    static String bytes(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f GB", bytes / (1024.0 * 1024 * 1024));
    }

    static RoomRejection unavailableForWrites(Cause cause) {
        return new RoomRejection("unavailable", "the server cannot store events right now (" + cause.phrase()
                + "); nothing was recorded; try again later");
    }

    static RoomRejection unavailableForReads(Cause cause) {
        return new RoomRejection("unavailable", "the server cannot read its event store right now (" + cause.phrase()
                + "); try again later");
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }
}
