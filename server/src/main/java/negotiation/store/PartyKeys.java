package negotiation.store;

import java.util.Optional;

/**
 * AES-256 keys per room and party, kept apart from the events they seal, in numbered
 * generations. Destroying a party's keys erases its sealed data from every replay
 * (crypto-shredding); what the party submits afterwards is sealed under a new generation, so
 * a destroyed generation's data can never be opened again, not even by a key made later.
 *
 * <p>Generation 0 is the one key a party had before generations existed (stored without a
 * number); it is read, and used while it lives, but never made again. New keys start at 1.
 */
public interface PartyKeys {
    /** The generation of the one key per party that stores kept before generations existed. */
    int LEGACY_GENERATION = 0;

    /** A key and the generation it belongs to; sealed data names its generation. */
    record PartyKey(int generation, byte[] bytes) {
    }

    /**
     * The key to seal the party's data with now: its live generation, or, when it has none
     * (first use, or after an erasure), a new one numbered above every generation it ever had.
     */
    PartyKey current(String roomId, String party);

    /** The key of that generation, or empty once it has been destroyed (or was never made). */
    Optional<byte[]> existing(String roomId, String party, int generation);

    /** Destroys the party's live keys; their generations stay remembered as destroyed, never made again. */
    void destroy(String roomId, String party);
}
