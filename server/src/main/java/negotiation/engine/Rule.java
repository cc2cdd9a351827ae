package negotiation.engine;

/** Which rule of the engine found a proposed package (DESIGN.md rules 2, 3-4 and 6). */
public enum Rule {
    BALANCED, FRONTIER, IMPROVEMENT
}
