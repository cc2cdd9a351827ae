package negotiation.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import negotiation.Json;
import negotiation.events.OfferMade;
import negotiation.events.Package;
import org.junit.jupiter.api.Test;

/**
 * A {@link Package} is, on the wire and at rest, exactly the JSON object it wraps: events stored
 * before the type existed read back, and what is written today is byte for byte what was written then.
 */
class PackageJsonTest {
    /** An OfferMade as the store held it before packages were typed (issue order kept, a range value a number). */
    private static final String STORED = "{\"roomId\":\"r1\",\"ref\":\"o1\",\"party\":\"seller\","
            + "\"package\":{\"support\":\"1 year\",\"price\":5000},\"terms\":[],\"at\":\"2026-01-01T00:00:00Z\"}";

    @Test
    void aStoredEventReadsAndWritesBackTheSameBytes() throws JsonProcessingException {
        OfferMade offer = Json.MAPPER.readValue(STORED, OfferMade.class);
        assertEquals(List.of("support", "price"), List.copyOf(offer.pkg().issues()), "the order as stored");
        assertEquals(5000, offer.pkg().get("price"), "a range value stays a JSON number");
        assertEquals(STORED, Json.MAPPER.writeValueAsString(offer));
    }

    @Test
    void aPackageIsItsObjectAndNothingAround() throws JsonProcessingException {
        Package pkg = Package.of(Map.of("juice", "anna"));
        assertEquals("{\"juice\":\"anna\"}", Json.MAPPER.writeValueAsString(pkg));
        assertEquals(pkg, Json.MAPPER.readValue("{\"juice\":\"anna\"}", Package.class));
        assertEquals(new OfferMade("r1", "o1", "anna", pkg, List.of(), Instant.EPOCH),
                Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(
                        new OfferMade("r1", "o1", "anna", pkg, List.of(), Instant.EPOCH)), OfferMade.class));
    }

    @Test
    void aPackageCannotBeChangedAfterItIsMade() {
        Package pkg = Package.of(Map.of("juice", "anna"));
        assertThrows(UnsupportedOperationException.class, () -> pkg.values().put("peel", "beth"));
        assertEquals(Package.of(Map.of("juice", "beth", "peel", "anna")),
                pkg.with(Package.of(Map.of("juice", "beth", "peel", "anna"))), "with() makes a new package");
        assertEquals(Package.of(Map.of("juice", "anna")), pkg, "and leaves this one as it was");
    }
}
