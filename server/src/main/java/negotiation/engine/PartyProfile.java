package negotiation.engine;

/**
 * One party's interests compiled for the engine: integer points per issue and option,
 * the options its limits allow, and its floor.
 *
 * @param points  points[issue][option] = weight * value, so a package's utility is the sum
 *                over issues of points[issue][option], always 0..10000
 * @param allowed allowed[issue][option] is false when the party's limits exclude that option
 * @param floor   the reservation point, 0..10000: packages below it are unacceptable
 */
public record PartyProfile(int[][] points, boolean[][] allowed, int floor) {
}
