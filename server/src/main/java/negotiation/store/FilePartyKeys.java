package negotiation.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Party keys, each in its own small file under {@code keys/<room>/}, outside the event
 * database: {@code <party>.<generation>.key}, and {@code <party>.key} for the generation-0 key
 * written before generations existed. Destroying a key writes a marker
 * {@code <party>.<generation>.erased} (so that generation is never made again), then
 * overwrites and deletes the key file: unlike a row in H2, whose old pages linger until
 * compaction, the bytes are then gone from the data directory, and with them every copy of
 * that party's private data sealed under it (crypto-shredding).
 *
 * <p>One server process owns the data directory, so keys and live generations are cached.
 * Cached keys are read without a lock; a party's disk work (scan, create, read, destroy) holds
 * that party's lock only.
 */
public final class FilePartyKeys implements PartyKeys {
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9_-]{1,40}");
    /** Party names have no dots, so a file name splits unambiguously into party, generation and kind. */
    private static final Pattern KEY_FILE = Pattern.compile("([a-z0-9_-]{1,40})(?:\\.([0-9]{1,9}))?\\.(key|erased)");
    private static final String KEY = "key";
    private static final String ERASED = "erased";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path directory;
    /** Keys by room, party and generation, and each party's live generation: read without a lock. */
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
    private final Map<String, Integer> liveGenerations = new ConcurrentHashMap<>();
    /**
     * One lock per room and party, for its disk work: a key being made and synced for one party
     * never holds up the reads (or keys) of another.
     */
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public FilePartyKeys(Path dataDirectory) {
        this.directory = dataDirectory.resolve("keys");
    }

    @Override
    public PartyKey current(String roomId, String party) {
        String name = name(roomId, party);
        Integer live = liveGenerations.get(name);
        byte[] cached = live == null ? null : keys.get(name + "/" + live);
        if (cached != null) {
            return new PartyKey(live, cached);
        }
        synchronized (lock(name)) {
            Integer generation = liveGenerations.get(name);
            if (generation == null) {
                Generations known = scan(roomId, party);
                generation = known.live().orElseGet(() -> create(roomId, party, known.highest() + 1));
                liveGenerations.put(name, generation);
            }
            byte[] key = existing(roomId, party, generation)
                    .orElseThrow(() -> new IllegalStateException("a live party key vanished from the data directory"));
            return new PartyKey(generation, key);
        }
    }

    @Override
    public Optional<byte[]> existing(String roomId, String party, int generation) {
        String name = name(roomId, party) + "/" + generation;
        byte[] cached = keys.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        // Read under the party's lock, so a key being destroyed meanwhile is not cached again.
        synchronized (lock(name(roomId, party))) {
            Path file = file(roomId, party, generation, KEY);
            if (Files.exists(file(roomId, party, generation, ERASED)) || !Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                byte[] key = Files.readAllBytes(file);
                keys.put(name, key);
                return Optional.of(key);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read a party key", e);
            }
        }
    }

    /**
     * Marks every generation of the party that still has a key file as erased, then overwrites,
     * syncs and deletes those files. Marker first: a crash in between leaves a key that no
     * longer opens anything, and the next erasure overwrites its file.
     */
    @Override
    public void destroy(String roomId, String party) {
        synchronized (lock(name(roomId, party))) {
            liveGenerations.remove(name(roomId, party));
            keys.keySet().removeIf(name -> name.startsWith(name(roomId, party) + "/"));
            destroyKeyFiles(roomId, party);
        }
    }

    private void destroyKeyFiles(String roomId, String party) {
        for (int generation : scan(roomId, party).withKeyFile()) {
            Path file = file(roomId, party, generation, KEY);
            try {
                write(file(roomId, party, generation, ERASED), new byte[0], StandardOpenOption.CREATE);
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.allocate((int) channel.size()));
                    channel.force(true);
                }
                Files.delete(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot destroy a party key", e);
            }
        }
    }

    private int create(String roomId, String party, int generation) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Path file = file(roomId, party, generation, KEY);
        // Written aside, then renamed: a crash (kill -9) never leaves a short key under the real name.
        Path written = file.resolveSibling(file.getFileName() + ".new");
        try {
            write(written, key, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a party key", e);
        }
        return generation;
    }

    private static void write(Path file, byte[] bytes, StandardOpenOption... modes) throws IOException {
        OwnerOnlyFiles.createDirectories(file.getParent());
        Set<StandardOpenOption> options = new HashSet<>(List.of(modes));
        options.add(StandardOpenOption.WRITE);
        try (FileChannel channel = OwnerOnlyFiles.open(file, options)) {
            channel.write(ByteBuffer.wrap(bytes));
            channel.force(true);
        }
    }

    /** What the room's key directory holds for the party; highest counts erased generations too. */
    private record Generations(TreeSet<Integer> withKeyFile, TreeSet<Integer> erased, int highest) {
        /** The newest generation whose key is there and not marked erased. */
        Optional<Integer> live() {
            return withKeyFile.descendingSet().stream().filter(g -> !erased.contains(g)).findFirst();
        }
    }

    private Generations scan(String roomId, String party) {
        TreeSet<Integer> withKeyFile = new TreeSet<>();
        TreeSet<Integer> erased = new TreeSet<>();
        int highest = LEGACY_GENERATION;
        Path room = file(roomId, party, LEGACY_GENERATION, KEY).getParent();
        if (Files.isDirectory(room)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(room)) {
                for (Path file : files) {
                    Matcher name = KEY_FILE.matcher(file.getFileName().toString());
                    if (!name.matches() || !name.group(1).equals(party)) {
                        continue;
                    }
                    int generation = name.group(2) == null ? LEGACY_GENERATION : Integer.parseInt(name.group(2));
                    (name.group(3).equals(KEY) ? withKeyFile : erased).add(generation);
                    highest = Math.max(highest, generation);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list party keys", e);
            }
        }
        return new Generations(withKeyFile, erased, highest);
    }

    private Path file(String roomId, String party, int generation, String kind) {
        if (!SAFE_NAME.matcher(roomId).matches() || !SAFE_NAME.matcher(party).matches()) {
            throw new IllegalArgumentException("room and party names are checked before they name files");
        }
        String name = generation == LEGACY_GENERATION && kind.equals(KEY) ? party : party + "." + generation;
        return directory.resolve(roomId).resolve(name + "." + kind);
    }

    private Object lock(String name) {
        return locks.computeIfAbsent(name, n -> new Object());
    }

    private static String name(String roomId, String party) {
        return roomId + "/" + party;
    }
}
