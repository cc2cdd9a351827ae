package negotiation.wire.analysis;

import negotiation.events.Package;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An offer, trade or mediator's suggestion against its author's previous position ({@code previous},
 * null for a first one). Each party's {@code deltas} entry is exactly the sum of its entries in
 * {@code changes} plus its {@code revalued} entry (docs/analysis.md).
 *
 * @param party           the author: a party, or "mediator" for a suggestion
 * @param on              a trade's base ref; absent otherwise
 * @param declared        a trade's declared give and get; absent otherwise
 * @param agendaVersion   the agenda the move was valued on: the one in force at the move
 * @param interests       per visible party, the version of its interests the move was valued under
 * @param give            the issues where the author conceded; null without a previous position or its interests
 * @param get             the issues where the author asked for more; null likewise
 * @param utilities       per visible party, its utility of the package at the move
 * @param deltas          per visible party, its utility now minus its utility of the previous position
 *                        when that was put on the table; null for a first one
 * @param revalued        per visible party whose interests changed since the previous position, what
 *                        that change alone moved its utility of the previous position; absent when none did
 */
public record Move(long seq, String at, String ref, String kind, String party,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String on,
                   @JsonInclude(JsonInclude.Include.NON_NULL) Declared declared,
                   @JsonProperty("package") Package pkg, int agendaVersion, Map<String, Integer> interests,
                   String previous, List<Change> changes,
                   List<String> give, List<String> get, Map<String, Integer> utilities, Map<String, Integer> deltas,
                   @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Integer> revalued) {
    /** What a trade says it gives and gets. */
    public record Declared(Package give, Package get) {
    }

    /**
     * One issue changed since the previous position: {@code from} is null for an issue added to the
     * agenda since (the previous position did not name it, which counts 0 points). {@code worth} is
     * what the change is worth to the author (null unseen); {@code worths} to every visible party.
     */
    public record Change(String issue, Object from, Object to, Integer worth, Map<String, Integer> worths) {
    }
}
