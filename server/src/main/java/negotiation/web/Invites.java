package negotiation.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Invite tokens: 256 random bits each, shown once to the room's creator, kept only as
 * SHA-256 hashes. A token is matched against every hash of the room in constant time.
 */
final class Invites {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Invites() {
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A fresh room id: 80 random bits, lower-case base 32. Room ids are not secrets; tokens are. */
    static String newRoomId() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        StringBuilder id = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        long bits = 0;
        int available = 0;
        for (byte b : bytes) {
            bits = (bits << 8) | (b & 0xff);
            available += 8;
            while (available >= 5) {
                available -= 5;
                id.append(alphabet.charAt((int) (bits >> available) & 31));
            }
        }
        return id.toString();
    }

    static long newSeed() {
        return RANDOM.nextLong();
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The role whose hash matches the token, if any. Every hash is compared, so timing tells nothing. */
    static Optional<String> roleOf(Map<String, String> hashes, String token) {
        byte[] candidate = hash(token).getBytes(StandardCharsets.US_ASCII);
        String match = null;
        for (Map.Entry<String, String> entry : hashes.entrySet()) {
            if (MessageDigest.isEqual(candidate, entry.getValue().getBytes(StandardCharsets.US_ASCII))) {
                match = entry.getKey();
            }
        }
        return Optional.ofNullable(match);
    }
}
