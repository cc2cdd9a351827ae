package negotiation.room;

import java.util.Map;

/**
 * The commitment to a caucus note's text: {@code hex(SHA-256(salt bytes || RFC 8785 JSON of
 * {"text": text}))}, the same construction as {@link InterestsCommitment}. The hash chain covers
 * the commitment, so a caucus text is fixed in the log without being shown to those who may not read it.
 */
public final class CaucusCommitment {
    private CaucusCommitment() {
    }

    /** The commitment to a text under a salt; null when there is no salt. */
    public static String of(String salt, String text) {
        return salt == null || text == null ? null : InterestsCommitment.of(salt, Map.of("text", text));
    }
}
