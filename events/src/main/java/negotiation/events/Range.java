package negotiation.events;

/** An integer range issue's options: min, min+step, ..., max. */
public record Range(Integer min, Integer max, Integer step) {
}
