package negotiation.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One AES-256 key per room and party, each in its own small file under {@code keys/}, outside
 * the event database. Destroying a key overwrites and deletes its file: unlike a row in H2,
 * whose old pages linger until compaction, the bytes are then gone from the data directory,
 * and with them every copy of that party's private data (crypto-shredding).
 */
public final class FilePartyKeys implements PartyKeys {
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9_-]{1,40}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path directory;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public FilePartyKeys(Path dataDirectory) {
        this.directory = dataDirectory.resolve("keys");
    }

    @Override
    public synchronized byte[] keyFor(String roomId, String party) {
        return existing(roomId, party).orElseGet(() -> create(roomId, party));
    }

    @Override
    public Optional<byte[]> existing(String roomId, String party) {
        byte[] cached = cache.get(name(roomId, party));
        if (cached != null) {
            return Optional.of(cached);
        }
        Path file = file(roomId, party);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] key = Files.readAllBytes(file);
            cache.put(name(roomId, party), key);
            return Optional.of(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a party key", e);
        }
    }

    /** Overwrites, syncs and deletes the key file; afterwards the party's sealed data cannot be read. */
    @Override
    public synchronized void destroy(String roomId, String party) {
        cache.remove(name(roomId, party));
        Path file = file(roomId, party);
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate((int) channel.size()));
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot overwrite a party key", e);
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete a party key", e);
        }
    }

    private byte[] create(String roomId, String party) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Path file = file(roomId, party);
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(key));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a party key", e);
        }
        cache.put(name(roomId, party), key);
        return key;
    }

    private Path file(String roomId, String party) {
        if (!SAFE_NAME.matcher(roomId).matches() || !SAFE_NAME.matcher(party).matches()) {
            throw new IllegalArgumentException("room and party names are checked before they name files");
        }
        return directory.resolve(roomId).resolve(party + ".key");
    }

    private static String name(String roomId, String party) {
        return roomId + "/" + party;
    }
}
