package negotiation.engine;

import java.util.List;

/**
 * The outcome of one round: whether any acceptable package exists, and if so up to three
 * proposals, the first the recommended split. Without a ZOPA the list is empty.
 */
public record Round(boolean zopa, List<Proposal> proposals) {
}
