package negotiation.wire.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A party's utility of a package on the table at {@code seq} (party: who put it there, "mediator"
 * for a suggestion; null for an agreement), valued on the agenda in force then under that party's
 * interests in force then (their version). An agreement a later one replaced names it in {@code replacedBy}.
 */
public record PathPoint(long seq, String ref, String kind, String party, int utility, int agendaVersion,
                        int interestsVersion, @JsonInclude(JsonInclude.Include.NON_NULL) String replacedBy) {
    public PathPoint replacedBy(String by) {
        return new PathPoint(seq, ref, kind, party, utility, agendaVersion, interestsVersion, by);
    }
}
