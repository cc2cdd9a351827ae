package negotiation.room;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import negotiation.engine.DrawRule;
import negotiation.engine.EngineLimits;
import negotiation.engine.PartyProfile;
import negotiation.engine.Proposal;
import negotiation.engine.Round;
import negotiation.engine.RoundFrontiers;
import negotiation.events.ProposalsComputed;
import negotiation.events.ProposedPackage;
import negotiation.events.SafeOffer;
import negotiation.events.Term;

/**
 * The engine's output for a room (docs/privacy.md): a round computed on each floor rounded up to
 * its band's top, with each party's safe offers (its own floor exactly, every other party's band
 * top), and the improvement round after an agreement, built the same way. Every public part depends
 * on a floor only through its band; a party's safe offers depend on its own exact floor too, and are
 * its alone.
 */
final class Rounds {
    private Rounds() {
    }

    /** A round's event, and the floor cut it was computed with (for the event's handler to keep). */
    record Computed(ProposalsComputed event, FloorPrivacy.Cut cut) {
    }

    /**
     * Round {@code number} on the parties' latest interests.
     *
     * @throws negotiation.engine.FrontierTooLargeException when the exact frontiers need more than the limits allow
     */
    static Computed round(String roomId, int number, AgendaOptions options, List<String> parties,
                          List<PartyProfile> profiles, FloorPrivacy privacy, long seed, EngineLimits limits,
                          DrawRule rule, Instant at) {
        RoundFrontiers frontiers = RoundFrontiers.build(options.optionCounts(), profiles, limits);
        int[] floors = RoundFrontiers.floorsOf(profiles);
        FloorPrivacy.Cut cut = privacy.cut(parties, floors, seed, frontiers.utilities());
        int[] tops = parties.stream().mapToInt(p -> cut.bands().get(p).hi()).toArray();
        Round round = frontiers.round(tops, seed, rule);
        List<ProposedPackage> packages = new ArrayList<>();
        List<int[]> shown = new ArrayList<>();
        for (Proposal proposal : round.proposals()) {
            packages.add(new ProposedPackage("p" + number + "-" + (packages.size() + 1),
                    options.toPackage(proposal.options()), proposal.rule().name().toLowerCase()));
            shown.add(proposal.options());
        }
        Map<String, List<SafeOffer>> safe = safeOffers(parties, floors, tops,
                own -> frontiers.unshown(own, shown, seed, rule), options, null);
        return new Computed(new ProposalsComputed(roomId, number, round.zopa(), seed, packages, null, privacy.level(),
                at, safe), cut);
    }

    /**
     * The improvement round after an agreement on {@code agreed} (the engine's rule 6 as docs/privacy.md
     * extends it), judged on the last round's interests and bands: the public improvement (the best
     * package every party strictly prefers, clearing every band top) if any, and each party's safe
     * improvements. Emitted after every agreement, even empty, so its presence reveals nothing. Both
     * carry the agreement's terms: an improvement improves the package, not the terms.
     *
     * @throws negotiation.engine.FrontierTooLargeException when the exact frontiers need more than the limits allow
     */
    static ProposalsComputed improvement(String roomId, int round, String agreedRef, int[] agreed, List<Term> terms,
                                         String ref, AgendaOptions options, List<String> parties,
                                         List<PartyProfile> profiles, FloorPrivacy privacy, EngineLimits limits,
                                         Instant at) {
        RoundFrontiers frontiers = RoundFrontiers.build(options.optionCounts(), profiles, limits);
        int[] floors = RoundFrontiers.floorsOf(profiles);
        int[] tops = privacy.tops(parties, floors);
        List<int[]> best = frontiers.improvements(tops, agreed, 1, List.of());
        List<ProposedPackage> packages = best.stream()
                .map(pkg -> new ProposedPackage(ref, options.toPackage(pkg), "improvement", terms)).toList();
        Map<String, List<SafeOffer>> safe = safeOffers(parties, floors, tops,
                own -> frontiers.improvements(own, agreed, 3, best), options, terms);
        return new ProposalsComputed(roomId, round, !packages.isEmpty(), 0, packages, agreedRef, null, at, safe);
    }

    /** Per party, what {@code find} gives on its own exact floor and every other party's band top; null for none. */
    private static Map<String, List<SafeOffer>> safeOffers(List<String> parties, int[] floors, int[] tops,
                                                           java.util.function.Function<int[], List<int[]>> find,
                                                           AgendaOptions options, List<Term> terms) {
        Map<String, List<SafeOffer>> safe = new LinkedHashMap<>();
        for (int party = 0; party < parties.size(); party++) {
            int[] own = tops.clone();
            own[party] = floors[party];
            List<SafeOffer> offers = find.apply(own).stream()
                    .map(pkg -> new SafeOffer(options.toPackage(pkg), terms)).toList();
            if (!offers.isEmpty()) {
                safe.put(parties.get(party), offers);
            }
        }
        return safe.isEmpty() ? null : safe;
    }
}
