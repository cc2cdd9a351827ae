package negotiation.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The point-of-sale scenario's utilities written out by hand from shared/scenarios, as a
 * person would compute them, to check what the server shows each party.
 */
final class PosUtilities {
    private PosUtilities() {
    }

    /** round_half_up(100 * d / 800) for the price range 4800..5600. */
    static int linear(int distance) {
        return (int) Math.floor(100.0 * distance / 800 + 0.5);
    }

    static int buyer(JsonNode pkg) {
        int price = pkg.get("price").asInt();
        return 45 * linear(5600 - price)
                + 25 * Map.of("none", 0, "6 months", 60, "1 year", 100).get(pkg.get("support").asText())
                + 15 * (pkg.get("training").asText().equals("included") ? 100 : 0)
                + 15 * (pkg.get("payment").asText().equals("upfront") ? 0 : 100);
    }

    static int seller(JsonNode pkg) {
        int price = pkg.get("price").asInt();
        return 70 * linear(price - 4800)
                + 10 * Map.of("none", 100, "6 months", 80, "1 year", 60).get(pkg.get("support").asText())
                + 8 * (pkg.get("training").asText().equals("included") ? 70 : 100)
                + 12 * (pkg.get("payment").asText().equals("upfront") ? 100 : 75);
    }

    static boolean buyerAccepts(JsonNode pkg) {
        return pkg.get("price").asInt() <= 5000 && buyer(pkg) >= 5500;
    }

    static boolean sellerAccepts(JsonNode pkg) {
        return seller(pkg) >= 2500;
    }
}
