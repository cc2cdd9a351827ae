package negotiation.room;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The room log's hash chain: {@code hash(n) = SHA-256(bytes(hash(n-1)) || canonical(n))}, where
 * canonical(n) is the RFC 8785 JSON of {@code {seq, at, kind, data}} with the event's public data
 * only. Private members are dropped by name, so the chain is the same whichever role's view of
 * the log it is computed from; a party's interests enter it only through their commitment
 * ({@link InterestsCommitment}). Documented for third parties in docs/verifiable-history.md.
 */
public final class HashChain {
    /** The hash before the first event: 32 zero bytes. */
    public static final String GENESIS = "0".repeat(64);
    /** Members of an event's data that only some roles see, at top level and in each proposed package. */
    public static final Set<String> PRIVATE_MEMBERS =
            Set.of("interests", "salt", "erased", "utility", "utilities", "outcome", "outcomes", "yardsticks");
    /** A caucus note's text (a note's data with {@code to}) is private too: the chain covers its commitment. */
    public static final String CAUCUS_TEXT = "text";

    private HashChain() {
    }

    /** The hash of an event given the hash before it; data may be any role's view of the event. */
    public static String next(String previous, long seq, String at, String kind, Map<String, Object> data) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("seq", seq);
        form.put("at", at);
        form.put("kind", kind);
        form.put("data", publicData(data));
        MessageDigest sha = sha256();
        sha.update(HexFormat.of().parseHex(previous));
        sha.update(CanonicalJson.bytes(form));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The canonical public form's text, for people re-checking a hash by hand. */
    public static String canonicalText(long seq, String at, String kind, Map<String, Object> data) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("seq", seq);
        form.put("at", at);
        form.put("kind", kind);
        form.put("data", publicData(data));
        return new String(CanonicalJson.bytes(form), StandardCharsets.UTF_8);
    }

    /** An event's data without its private members. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> publicData(Map<String, Object> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        data.forEach((key, value) -> {
            if (PRIVATE_MEMBERS.contains(key) || key.equals(CAUCUS_TEXT) && data.containsKey("to")) {
                return;
            }
            if (key.equals("packages") && value instanceof List<?> packages) {
                List<Object> stripped = new ArrayList<>();
                for (Object p : packages) {
                    stripped.add(p instanceof Map<?, ?> m ? publicData((Map<String, Object>) m) : p);
                }
                value = stripped;
            }
            out.put(key, value);
        });
        return out;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
