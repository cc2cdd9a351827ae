package negotiation.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The engine's output for a round, or a post-settlement improvement when {@code improves}
 * names the agreed ref. The seed of the random draw is recorded so the round can be re-checked.
 *
 * @param band the width of the floor bands the round was computed with (DESIGN rule 8 as
 *             implemented: each floor rounded up to the top of its band), or null for a round
 *             computed on the floors as entered (rooms from before banding)
 * @param safeOffers per party, its safe offers of this round (docs/privacy.md): each party's entry
 *                   is sealed at rest under its own key; null or absent for a party with none
 */
public record ProposalsComputed(String roomId, int round, boolean zopa, long seed, List<ProposedPackage> packages,
                                String improves, Integer band, Instant at,
                                @Private(Private.Readers.EACH_PARTY) Map<String, List<SafeOffer>> safeOffers)
        implements RoomEvent {
    /** The event's stable name on the wire and in the hash chain; never derived from the class name. */
    public static final String KIND = "ProposalsComputed";

    @Override
    public String kind() {
        return KIND;
    }


    /** A round without floor bands, as every round was before DESIGN rule 8 was implemented. */
    public ProposalsComputed(String roomId, int round, boolean zopa, long seed, List<ProposedPackage> packages,
                             String improves, Instant at) {
        this(roomId, round, zopa, seed, packages, improves, null, at, null);
    }

    /** A round without safe offers, as every round was before safe offers existed. */
    public ProposalsComputed(String roomId, int round, boolean zopa, long seed, List<ProposedPackage> packages,
                             String improves, Integer band, Instant at) {
        this(roomId, round, zopa, seed, packages, improves, band, at, null);
    }
}
