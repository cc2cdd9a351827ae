package negotiation.engine;

/** One package the engine proposes: option indices issue by issue, and the rule that found it. */
public record Proposal(int[] options, Rule rule) {
}
