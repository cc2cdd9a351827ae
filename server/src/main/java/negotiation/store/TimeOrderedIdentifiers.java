package negotiation.store;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's identifiers (of events, snapshots and messages) in time order: UUID version 7, the
 * milliseconds since the epoch and then 74 random bits. The store keeps a unique index on event
 * identifiers, and H2 writes again every index page a commit changes: random identifiers put
 * each new event on a page of its own, which every commit rewrote (about a third of the bytes
 * written per event, docs/performance.md, "The store file under load"); in time order the new
 * entries share the index's last page. Found by Axon through {@code META-INF/services}.
 */
public final class TimeOrderedIdentifiers extends IdentifierFactory {
    @Override
    public String generateIdentifier() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = System.currentTimeMillis() << 16 | 0x7000L | random.nextLong() & 0x0FFFL;
        long leastSignificant = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}
