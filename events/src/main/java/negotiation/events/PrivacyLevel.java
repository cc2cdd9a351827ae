package negotiation.events;

import java.util.List;

/**
 * A room's privacy level, chosen when it is created: the least width, in points of the 0..10000
 * scale, of the band each floor is rounded up to before a round (docs/privacy.md). 0 means floors
 * are used exactly, for parties who trust each other.
 */
public record PrivacyLevel(int band) {
    /** The levels a room may be created with. */
    public static final List<Integer> LEVELS = List.of(0, 1000, 2000, 3000);
    /** The bands a party may narrow its own floor's band to, each at most the room's level. */
    public static final List<Integer> NARROWER = List.of(0, 500, 1000);
    public static final PrivacyLevel DEFAULT = new PrivacyLevel(2000);
}
