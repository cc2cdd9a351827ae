package negotiation.events;

import java.time.Instant;

/**
 * A party entered (or replaced) its private interests; version counts its submissions.
 *
 * @param commitment hex SHA-256 of {@code salt} and the interests' canonical JSON, kept in clear so the
 *                   room's hash chain covers the interests without revealing them, after an erasure too;
 *                   null for events written before commitments existed
 * @param salt       the commitment's secret opening (hex, 32 random bytes), private like the interests and
 *                   sealed with them at rest; null when there is no commitment
 */
public record InterestsSubmitted(String roomId, String party, int version,
                                 @Private(Private.Readers.PARTY) Interests interests, Instant at, String commitment,
                                 @Private(Private.Readers.PARTY) String salt) implements RoomEvent {
    /** The event's stable name on the wire and in the hash chain; never derived from the class name. */
    public static final String KIND = "InterestsSubmitted";

    @Override
    public String kind() {
        return KIND;
    }

    /** An event without a commitment, as written before commitments existed. */
    public InterestsSubmitted(String roomId, String party, int version, Interests interests, Instant at) {
        this(roomId, party, version, interests, at, null, null);
    }
}
