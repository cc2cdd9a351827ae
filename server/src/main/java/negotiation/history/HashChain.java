package negotiation.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import negotiation.events.Privacy;
import negotiation.wire.eventdata.EventData;

/**
 * The room log's hash chain: {@code hash(n) = SHA-256(bytes(hash(n-1)) || canonical(n))}, where
 * canonical(n) is the RFC 8785 JSON of {@code {seq, at, kind, data}} with the event's public data
 * only. Private members are dropped as their kind's data type declares them ({@link Privacy}), so
 * the chain is the same whichever role's view of the log it is computed from; a party's interests enter it only through their commitment
 * ({@link InterestsCommitment}). Documented for third parties in docs/verifiable-history.md.
 */
public final class HashChain {
    /** The hash before the first event: 32 zero bytes. */
    public static final String GENESIS = "0".repeat(64);

    private HashChain() {
    }

    /** The hash of an event given the hash before it; data may be any role's view of the event. */
    public static String next(String previous, long seq, String at, String kind, Map<String, Object> data) {
        MessageDigest sha = sha256();
        sha.update(HexFormat.of().parseHex(previous));
        sha.update(canonical(seq, at, kind, data));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The canonical public form's text, for people re-checking a hash by hand. */
    public static String canonicalText(long seq, String at, String kind, Map<String, Object> data) {
        return new String(canonical(seq, at, kind, data), StandardCharsets.UTF_8);
    }

    /** The RFC 8785 bytes of {@code {seq, at, kind, data}} with the data's public members only. */
    private static byte[] canonical(long seq, String at, String kind, Map<String, Object> data) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("seq", seq);
        form.put("at", at);
        form.put("kind", kind);
        form.put("data", publicData(kind, data));
        return CanonicalJson.bytes(form);
    }

    /**
     * An event's data without its private members: those its kind's data type declares
     * {@link negotiation.events.Private}, nested ones too (a caucus note, one with {@code to}, has its own type).
     *
     * @throws IllegalArgumentException for a kind the contract does not know
     */
    public static Map<String, Object> publicData(String kind, Map<String, Object> data) {
        return Privacy.publicJson(EventData.typeOf(kind, data.containsKey("to")), data);
    }

    /** A fresh SHA-256 digest: the one hash of the chain and of commitments. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
