package negotiation.room;

import static negotiation.room.RoomRejection.badRequest;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is on the table in a room: every package under a ref (offers, trades, proposals,
 * improvements, suggestions) with its terms, each party's answers to each ref (amendments' too),
 * and which refs were agreed, withdrawn or made stale by an agenda amendment.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
final class Table {
    private Map<String, Deal> deals = new HashMap<>();
    private Map<String, Map<String, Boolean>> answers = new HashMap<>();
    private String agreedRef;
    private Set<String> agreedRefs = new HashSet<>();
    private Set<String> staleRefs = new HashSet<>();
    private Set<String> withdrawnRefs = new HashSet<>();
    private int offers;
    private int trades;
    private int improvements;
    private int suggestions;

    String nextOffer() {
        return "o" + (offers + 1);
    }

    String nextTrade() {
        return "t" + (trades + 1);
    }

    String nextImprovement() {
        return "i" + (improvements + 1);
    }

    String nextSuggestion() {
        return "m" + (suggestions + 1);
    }

    /** The deal under a ref: bad_request when none is named, not_found when it is unknown. */
    Deal require(String ref, String field) {
        if (ref == null || ref.isEmpty()) {
            throw badRequest(field + " is required");
        }
        Deal deal = deals.get(ref);
        if (deal == null) {
            throw RoomRejection.notFound(field + ": unknown ref '" + ref + "'");
        }
        return deal;
    }

    /** A ref made on an earlier agenda version cannot be accepted, traded on or withdrawn. */
    void requireCurrent(String ref) {
        if (staleRefs.contains(ref)) {
            throw RoomRejection.conflict("the agenda changed since '" + ref + "' was made: it can no longer be accepted");
        }
    }

    void requireAcceptable(String ref) {
        requireCurrent(ref);
        if (withdrawnRefs.contains(ref)) {
            throw RoomRejection.conflict("'" + ref + "' was withdrawn");
        }
    }

    /** Only the author withdraws, only a current ref, once, and never one an agreement was reached on. */
    void requireWithdrawable(String ref, String party) {
        Deal deal = require(ref, "ref");
        if (!party.equals(deal.author())) {
            throw RoomRejection.forbidden("'" + ref + "' is not your offer or trade: you can withdraw only your own");
        }
        requireCurrent(ref);
        if (withdrawnRefs.contains(ref)) {
            throw RoomRejection.conflict("'" + ref + "' is already withdrawn");
        }
        if (agreedRefs.contains(ref)) {
            throw RoomRejection.conflict("'" + ref + "' was agreed on; an agreement cannot be withdrawn");
        }
    }

    boolean everyoneAccepted(String ref, List<String> parties) {
        Map<String, Boolean> byParty = answers.getOrDefault(ref, Map.of());
        return parties.stream().allMatch(p -> Boolean.TRUE.equals(byParty.get(p)));
    }

    boolean isAgreement(String ref) {
        return ref.equals(agreedRef);
    }

    /** Whether any party rejected the ref (and has not accepted it since). */
    boolean rejectedByAnyone(String ref) {
        return answers.getOrDefault(ref, Map.of()).containsValue(Boolean.FALSE);
    }

    /** The offers and trades a party has open: its own, not withdrawn, not agreed on, made on the agenda in force. */
    long openDealsOf(String party) {
        return deals.entrySet().stream()
                .filter(e -> party.equals(e.getValue().author()))
                .map(Map.Entry::getKey)
                .filter(ref -> !withdrawnRefs.contains(ref) && !agreedRefs.contains(ref) && !staleRefs.contains(ref))
                .count();
    }

    int suggestions() {
        return suggestions;
    }

    // --- what the events change

    void offered(String ref, Deal deal) {
        offers++;
        put(ref, deal);
    }

    void traded(String ref, Deal deal) {
        trades++;
        put(ref, deal);
    }

    /** A round's packages, or an improvement round's (whose refs count the improvements). */
    void proposed(String ref, Deal deal, boolean improvement) {
        if (improvement) {
            improvements++;
        }
        deals.put(ref, deal);
    }

    /** The mediator does not count as accepting its suggestion. */
    void suggested(String ref, Deal deal) {
        suggestions++;
        deals.put(ref, deal);
    }

    void answer(String ref, String party, boolean accepted) {
        answers.computeIfAbsent(ref, r -> new HashMap<>()).put(party, accepted);
    }

    void agreed(String ref) {
        agreedRef = ref;
        agreedRefs.add(ref);
    }

    void withdrawn(String ref) {
        withdrawnRefs.add(ref);
    }

    /** After an amendment, nothing made on the earlier agenda can be accepted. */
    void agendaAmended() {
        staleRefs.addAll(deals.keySet());
    }

    private void put(String ref, Deal deal) {
        deals.put(ref, deal);
        answer(ref, deal.author(), true);
    }
}
