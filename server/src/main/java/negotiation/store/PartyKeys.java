package negotiation.store;

import java.util.Optional;

/**
 * One AES-256 key per room and party, kept apart from the events it seals. Destroying a key
 * erases the party's private data from every replay (crypto-shredding).
 */
public interface PartyKeys {
    /** The party's key, created on first use. */
    byte[] keyFor(String roomId, String party);

    /** The party's key, or empty once it has been destroyed (or never made). */
    Optional<byte[]> existing(String roomId, String party);

    /** Destroys the key so that the party's sealed data can never be read again. */
    void destroy(String roomId, String party);
}
