package negotiation.mediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import negotiation.Json;
import negotiation.events.InterestsSubmitted;
import negotiation.history.CanonicalJson;
import negotiation.history.HashChain;
import negotiation.room.InterestsCommitment;
import negotiation.support.Scenarios;
import org.junit.jupiter.api.Test;

/** The canonical form and commitments as docs/verifiable-history.md defines them, on fixed inputs. */
class CanonicalFormTest {
    @Test
    void canonicalJsonSortsKeysAndEscapesAsRfc8785() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", List.of(1, "x\"y\\z\n\u0001é€😀"));
        value.put("a", Map.of("z", true, "y", 5000L));
        value.put("c", null);
        assertEquals("{\"a\":{\"y\":5000,\"z\":true},\"b\":[1,\"x\\\"y\\\\z\\n\\u0001é€😀\"],\"c\":null}",
                new String(CanonicalJson.bytes(value), StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.bytes(Map.of("x", 1.5)));
    }

    @Test
    void theChainHashesThePublicFormWhateverRoleItWasShownTo() {
        Map<String, Object> party = Map.of("ref", "o1", "party", "buyer", "package", Map.of("price", 5000),
                "terms", List.of(), "utility", 8875);
        Map<String, Object> mediator = Map.of("ref", "o1", "party", "buyer", "package", Map.of("price", 5000),
                "terms", List.of(), "utilities", Map.of("buyer", 8875));
        String at = "2025-01-01T00:00:00Z";
        assertEquals(HashChain.next(HashChain.GENESIS, 5, at, "OfferMade", party),
                HashChain.next(HashChain.GENESIS, 5, at, "OfferMade", mediator));
        assertEquals("{\"at\":\"2025-01-01T00:00:00Z\",\"data\":{\"package\":{\"price\":5000},\"party\":\"buyer\","
                + "\"ref\":\"o1\",\"terms\":[]},\"kind\":\"OfferMade\",\"seq\":5}",
                HashChain.canonicalText(5, at, "OfferMade", party));
        // Re-checkable with any SHA-256: prev = 32 zero bytes, then the canonical text's UTF-8.
        assertEquals(sha256(new byte[32], HashChain.canonicalText(5, at, "OfferMade", party)),
                HashChain.next(HashChain.GENESIS, 5, at, "OfferMade", party));
    }

    @Test
    void aCommitmentOpensOnlyWithItsSaltAndItsInterests() {
        var interests = Scenarios.interests("pos-system", "buyer");
        String salt = InterestsCommitment.newSalt();
        String commitment = InterestsCommitment.of(salt, interests);
        assertEquals(commitment, InterestsCommitment.of(salt, Json.MAPPER.convertValue(interests, Map.class)));
        assertEquals(64, commitment.length());
        assertEquals(false, commitment.equals(InterestsCommitment.of(InterestsCommitment.newSalt(), interests)));
        assertNull(InterestsCommitment.of(null, interests));
    }

    @Test
    void interestsSubmittedWrittenBeforeCommitmentsStillReads() throws Exception {
        String old = "{\"roomId\":\"r\",\"party\":\"buyer\",\"version\":1,\"interests\":null,\"at\":\"2025-01-01T00:00:00Z\"}";
        InterestsSubmitted event = Json.MAPPER.readValue(old, InterestsSubmitted.class);
        assertEquals("buyer", event.party());
        assertNull(event.commitment());
        assertNull(event.salt());
    }

    static String sha256(byte[] previous, String text) {
        try {
            var sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(previous);
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
