package negotiation.events;

import java.time.Instant;
import java.util.List;

/**
 * The engine's output for a round, or a post-settlement improvement when {@code improves}
 * names the agreed ref. The seed of the random draw is recorded so the round can be re-checked.
 */
public record ProposalsComputed(String roomId, int round, boolean zopa, long seed, List<ProposedPackage> packages,
                                String improves, Instant at) implements RoomEvent {
}
