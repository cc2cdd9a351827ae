package negotiation.wire.eventdata;

/**
 * A party's yardsticks for judging a package from its own interests: what a package picked at
 * random gives it on average, and what the middle of every range and list gives it (basis points).
 */
public record Yardsticks(int random, int middle) {
}
