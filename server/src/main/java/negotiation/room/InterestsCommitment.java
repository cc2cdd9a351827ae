package negotiation.room;

import negotiation.history.CanonicalJson;
import negotiation.history.HashChain;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import negotiation.Json;
import negotiation.events.Interests;

/**
 * A hiding, binding commitment to a party's interests:
 * {@code hex(SHA-256(salt bytes || RFC 8785 JSON of the interests))} with a 32-byte random salt.
 * The commitment is public and outlives an erasure; the salt is as private as the interests,
 * so only those who may see the interests can open it.
 */
public final class InterestsCommitment {
    private static final SecureRandom RANDOM = new SecureRandom();

    private InterestsCommitment() {
    }

    /** A fresh salt, hex: chosen outside the aggregate (which must not read randomness), like a draw's seed. */
    public static String newSalt() {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }

    /** The commitment to interests under a salt; null when there is no salt. */
    public static String of(String salt, Interests interests) {
        return salt == null || interests == null ? null : of(salt, Json.MAPPER.convertValue(interests, Map.class));
    }

    /** The commitment to interests as JSON (as a view shows them) under a salt. */
    public static String of(String salt, Map<?, ?> interests) {
        var sha = HashChain.sha256();
        sha.update(HexFormat.of().parseHex(salt));
        sha.update(CanonicalJson.bytes(interests));
        return HexFormat.of().formatHex(sha.digest());
    }
}
