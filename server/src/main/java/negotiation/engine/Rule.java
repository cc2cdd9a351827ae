package negotiation.engine;

/** Which rule of the engine found a proposed package (rules 2, 3-4 and 6 of docs/architecture.md, "How the engine decides"). */
public enum Rule {
    BALANCED, FRONTIER, IMPROVEMENT
}
