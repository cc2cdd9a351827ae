package negotiation.room;

import static negotiation.room.RoomRejection.badRequest;
import static negotiation.room.RoomRejection.forbidden;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import negotiation.commands.Accept;
import negotiation.commands.AddNote;
import negotiation.commands.Amend;
import negotiation.commands.CreateRoom;
import negotiation.commands.ErasePrivateData;
import negotiation.commands.MakeOffer;
import negotiation.commands.NarrowPrivacy;
import negotiation.commands.ProposeTrade;
import negotiation.commands.Reject;
import negotiation.commands.RoomCommand;
import negotiation.commands.SubmitInterests;
import negotiation.commands.Suggest;
import negotiation.commands.UnsealInterests;
import negotiation.commands.Withdraw;
import negotiation.engine.DrawRule;
import negotiation.engine.EngineLimits;
import negotiation.engine.FrontierTooLargeException;
import negotiation.engine.PartyProfile;
import negotiation.engine.RoundFrontiers;
import negotiation.events.Accepted;
import negotiation.events.Agenda;
import negotiation.events.AgendaAmended;
import negotiation.events.AmendmentProposed;
import negotiation.events.AgreementReached;
import negotiation.events.Interests;
import negotiation.events.InterestsSubmitted;
import negotiation.events.InterestsUnsealed;
import negotiation.events.MediatorSuggested;
import negotiation.events.NoteAdded;
import negotiation.events.OfferMade;
import negotiation.events.Package;
import negotiation.events.PrivacyLevel;
import negotiation.events.PrivacyNarrowed;
import negotiation.events.PrivateDataErased;
import negotiation.events.ProposalsComputed;
import negotiation.events.ProposedPackage;
import negotiation.events.Rejected;
import negotiation.events.RoomCreated;
import negotiation.events.RoomEvent;
import negotiation.events.Term;
import negotiation.events.TradeProposed;
import negotiation.events.Withdrawn;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

/**
 * One negotiation room, event-sourced. Command handlers check the rules and apply events;
 * event-sourcing handlers only assign state. Every handler returns the seq of the last
 * event it appended, which the server sends back in the ack.
 */
// Revision 2: an erasure withdraws the unseal. Revision 3: the chain's head is kept (history stored as
// written). Revision 4: a caucus note's author has private data to erase. Axon skips snapshots of another
// revision and replays the events instead, so no older snapshot keeps an erased party unsealed or lacks the head.
// Revision 5: floor bands are cells of a fixed partition per party (FloorPrivacy).
@Revision("5")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class RoomAggregate {
    static final int MAX_TERMS = 10;
    static final int MAX_TERM_TEXT = 500;
    static final int MAX_TEXT = 4000;
    /** The command metadata key of a request's idempotency key; events carry it too. */
    public static final String REQUEST = "request";
    static final int REMEMBERED_REQUESTS = 1000;
    private static final EngineLimits REPLAY_LIMITS = new EngineLimits(Long.MAX_VALUE, EngineLimits.DEFAULT_MAX_CANDIDATES);

    @AggregateIdentifier
    private String roomId;
    private Agenda agenda;
    private long seq;
    /** The hash of the last event, which the next event's stored link chains from ({@link HistoryLink}). */
    private String head = HashChain.GENESIS;
    private Map<String, Interests> interests = new HashMap<>();
    private Map<String, Integer> versions = new HashMap<>();
    private Set<String> submittedSinceRound = new HashSet<>();
    private int round;
    private Map<String, Interests> roundInterests = new HashMap<>();
    private Map<String, Deal> deals = new HashMap<>();
    private Map<String, Map<String, Boolean>> answers = new HashMap<>();
    private String agreedRef;
    private int offers;
    private int trades;
    private int improvements;
    private Set<String> unsealed = new HashSet<>();
    private LinkedHashMap<String, Long> answered = new LinkedHashMap<>();
    /** Parties with private data at rest (interests, caucus notes) written since their last erasure. */
    private Set<String> holdingPrivateData = new HashSet<>();
    /** The floor bands rounds are computed with (docs/privacy.md): the level, each party's choice and cells. */
    private FloorPrivacy floorPrivacy = new FloorPrivacy();
    /** The cut the command handler just computed, so its own event need not rebuild the frontier. */
    private transient FloorPrivacy.Cut cutForRound;
    private transient AgendaOptions options;
    // Protocol 1.1: agenda amendments, withdrawals, mediator suggestions (handlers in the block at the end)
    private int agendaVersion = 1;
    private Map<String, Amendment> amendments = new HashMap<>();
    private Set<String> agreedAmendments = new HashSet<>();
    private Set<String> staleRefs = new HashSet<>();
    private Set<String> withdrawnRefs = new HashSet<>();
    private Set<String> agreedRefs = new HashSet<>();
    private int suggestions;

    protected RoomAggregate() {
        // for Axon and snapshots
    }

    @CommandHandler
    public RoomAggregate(CreateRoom command) {
        AgendaRules.check(command.agenda());
        append(new RoomCreated(command.roomId(), command.agenda(), command.tokenHashes(), command.at(),
                RoomSettings.level(command.privacy()), RoomSettings.names(command.agenda(), command.names())));
    }

    @CommandHandler
    public long handle(SubmitInterests command) {
        String party = requireParty(command, "submit interests");
        InterestsRules.check(options(), command.interests());
        append(new InterestsSubmitted(roomId, party, versions.getOrDefault(party, 0) + 1, command.interests(),
                command.at(), InterestsCommitment.of(command.salt(), command.interests()), command.salt()));
        if (submittedSinceRound.containsAll(agenda.parties()) && interests.keySet().containsAll(agenda.parties())) {
            computeRound(command.seed(), command.at());
        }
        return seq;
    }

    @CommandHandler
    public long handle(MakeOffer command) {
        String party = requireParty(command, "make offers");
        Package pkg = options().checkPackage("package", command.pkg(), true);
        List<Term> terms = checkTerms(command.terms(), List.of());
        append(new OfferMade(roomId, "o" + (offers + 1), party, pkg, terms, command.at()));
        return seq;
    }

    @CommandHandler
    public long handle(ProposeTrade command) {
        String party = requireParty(command, "propose trades");
        Deal base = requireDeal(command.on(), "on");
        requireCurrent(command.on());
        Package give = options().checkPackage("give", orEmpty(command.give()), false);
        Package get = options().checkPackage("get", orEmpty(command.get()), false);
        if (give.isEmpty() && get.isEmpty()) {
            throw badRequest("a trade needs at least one issue in give or get");
        }
        for (String issue : give.issues()) {
            if (get.has(issue)) {
                throw badRequest("issue '" + issue + "' is in both give and get");
            }
        }
        Package result = base.pkg().with(give).with(get);
        if (result.equals(base.pkg())) {
            throw badRequest("the trade changes nothing in the package of '" + command.on() + "'");
        }
        List<Term> terms = checkTerms(command.terms(), base.terms());
        append(new TradeProposed(roomId, "t" + (trades + 1), party, command.on(), give, get,
                options().checkPackage("package", result, true), terms, command.at()));
        return seq;
    }

    @CommandHandler
    public long handle(Accept command) {
        if (amendments.containsKey(command.ref())) {
            return acceptAmendment(command);
        }
        requireDeal(command.ref(), "ref"); // PROTOCOL 1.1's order: an unknown ref before the wrong role
        String party = requireParty(command, "accept");
        requireAcceptable(command.ref());
        append(new Accepted(roomId, command.ref(), party, command.at()));
        if (!command.ref().equals(agreedRef) && everyoneAccepted(command.ref())) {
            reachAgreement(command.ref(), command.at());
        }
        return seq;
    }

    @CommandHandler
    public long handle(Reject command) {
        String party = requireParty(command, "reject");
        if (!amendments.containsKey(command.ref())) {
            requireDeal(command.ref(), "ref");
        }
        checkText("reason", command.reason(), false);
        append(new Rejected(roomId, command.ref(), party, command.reason(), command.at()));
        return seq;
    }

    @CommandHandler
    public long handle(AddNote command) {
        checkText("text", command.text(), true);
        checkAddressee(command.to());
        if (!isParty(command.role()) && !AgendaRules.MEDIATOR.equals(command.role())) {
            throw forbidden("unknown role '" + command.role() + "'");
        }
        if (command.to() == null) {
            append(new NoteAdded(roomId, command.role(), command.text(), command.at()));
        } else {
            append(caucusNote(command));
        }
        return seq;
    }

    @CommandHandler
    public long handle(UnsealInterests command) {
        String party = requireParty(command, "unseal interests");
        if (unsealed.contains(party)) {
            throw badRequest("your interests are already unsealed");
        }
        append(new InterestsUnsealed(roomId, party, command.at()));
        return seq;
    }

    /**
     * A party's choice to show its own floor at a finer resolution from its next round. Only ever
     * narrower: widening again would not undo what earlier rounds showed.
     */
    @CommandHandler
    public long handle(NarrowPrivacy command) {
        int inForce = isParty(command.role()) ? floorPrivacy.widthFor(command.role()) : floorPrivacy.level();
        if (!PrivacyLevel.NARROWER.contains(command.band()) || command.band() > inForce) {
            throw badRequest("band must be one of " + PrivacyLevel.NARROWER + " and at most "
                    + (isParty(command.role()) ? "your band in force, " : "the room's level, ") + inForce
                    + " points; got " + command.band());
        }
        String party = requireParty(command, "narrow a privacy band");
        append(new PrivacyNarrowed(roomId, party, command.band(), command.at()));
        return seq;
    }

    @CommandHandler
    public long handle(ErasePrivateData command) {
        String party = requireParty(command, "erase private data");
        // The key may already be gone (it is destroyed first), so judge by the log, not by readable data.
        if (holdingPrivateData.contains(party)) {
            append(new PrivateDataErased(roomId, party, command.at()));
        }
        return seq;
    }

    /**
     * The engine runs here, on the command bus's worker thread (never an event loop). Its limit
     * counts work, not wall-clock time, so the same command on the same room is always accepted or
     * always refused, whatever the machine's load; refused, the command appends nothing.
     *
     * <p>The round sees each floor rounded up to the top of its band, so what it shows publicly is the
     * same for every floor in that band; each party's safe offers are its own (docs/privacy.md).
     */
    private void computeRound(long seed, Instant at) {
        cutForRound = null; // never one left from a command that failed
        Rounds.Computed computed;
        try {
            computed = Rounds.round(roomId, round + 1, options(), agenda.parties(), profiles(interests), floorPrivacy,
                    seed, EngineLimits.configured(), drawRule(), at);
        } catch (FrontierTooLargeException e) {
            throw new RoomRejection("conflict", "round " + (round + 1) + " not computed: " + e.getMessage());
        }
        cutForRound = computed.cut();
        append(computed.event());
    }

    /** The frontier draw in force: fair-first unless the system property asks for the product draw (bench). */
    private static DrawRule drawRule() {
        return "product".equals(System.getProperty("negotiation.draw")) ? DrawRule.PRODUCT : DrawRule.FAIR_FIRST;
    }

    /**
     * Agreement, then the improvement round on the last round's interests and bands (DESIGN rule 6 as
     * docs/privacy.md extends it): after every agreement that can be judged, even when it finds nothing.
     */
    private void reachAgreement(String ref, Instant at) {
        Deal deal = deals.get(ref);
        // After an erasure the round's interests are incomplete and cannot be judged on.
        ProposalsComputed improvement = null;
        if (round > 0 && roundInterests.keySet().containsAll(agenda.parties())) {
            try {
                improvement = Rounds.improvement(roomId, round, ref, options().indices(deal.pkg()), deal.terms(),
                        "i" + (improvements + 1), options(), agenda.parties(), profiles(roundInterests), floorPrivacy,
                        EngineLimits.configured(), at);
            } catch (FrontierTooLargeException e) {
                // The round on these interests fitted the same deterministic limit, so only a lowered
                // limit gets here; the agreement must not fail for it: it stays unjudged.
            }
        }
        append(new AgreementReached(roomId, ref, deal.pkg(), deal.terms(),
                improvement == null ? null : improvement.zopa(), at));
        if (improvement != null) {
            append(improvement);
        }
    }

    private List<PartyProfile> profiles(Map<String, Interests> byParty) {
        return agenda.parties().stream().map(p -> InterestsRules.compile(options(), byParty.get(p))).toList();
    }

    private boolean everyoneAccepted(String ref) {
        Map<String, Boolean> byParty = answers.getOrDefault(ref, Map.of());
        return agenda.parties().stream().allMatch(p -> Boolean.TRUE.equals(byParty.get(p)));
    }

    private String requireParty(RoomCommand command, String action) {
        if (AgendaRules.MEDIATOR.equals(command.role())) {
            throw forbidden("mediators cannot " + action + ": only parties can");
        }
        if (!isParty(command.role())) {
            throw forbidden("'" + command.role() + "' is not a party of this room");
        }
        return command.role();
    }

    private boolean isParty(String role) {
        return agenda.parties().contains(role);
    }

    private Deal requireDeal(String ref, String field) {
        if (ref == null || ref.isEmpty()) {
            throw badRequest(field + " is required");
        }
        Deal deal = deals.get(ref);
        if (deal == null) {
            throw new RoomRejection("not_found", field + ": unknown ref '" + ref + "'");
        }
        return deal;
    }

    private static List<Term> checkTerms(List<Term> terms, List<Term> inherited) {
        List<Term> all = new ArrayList<>(inherited);
        all.addAll(terms == null ? List.of() : terms);
        if (all.size() > MAX_TERMS) {
            throw badRequest("at most " + MAX_TERMS + " terms in all, got " + all.size());
        }
        for (Term term : terms == null ? List.<Term>of() : terms) {
            if (term == null || !fits(term.condition()) || !fits(term.then())) {
                throw badRequest("each term needs \"if\" and \"then\", strings of 1 to " + MAX_TERM_TEXT + " characters");
            }
        }
        return List.copyOf(all);
    }

    private static boolean fits(String text) {
        return text != null && !text.isBlank() && text.length() <= MAX_TERM_TEXT;
    }

    private static void checkText(String field, String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                throw badRequest(field + " is required");
            }
            return;
        }
        if (text.length() > MAX_TEXT) {
            throw badRequest(field + " must be at most " + MAX_TEXT + " characters, got " + text.length());
        }
    }

    private static Package orEmpty(Package partial) {
        return partial == null ? Package.EMPTY : partial;
    }

    /**
     * A command re-sent with the same request key (the same frame from the same role, e.g.
     * after a reconnect) is answered with the seq it got the first time, and applies nothing.
     */
    @CommandHandlerInterceptor
    public Object answerResentCommandsOnce(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        Object request = command.getMetaData().get(REQUEST);
        if (request != null && answered.containsKey(request)) {
            return answered.get(request);
        }
        return chain.proceed();
    }

    /**
     * Applies an event with its link in the room's hash chain (its public form and hash, stored
     * with it as metadata). Its handler runs at once, so the next event of the same command
     * chains from this one's hash.
     */
    private void append(RoomEvent event) {
        apply(event, MetaData.from(HistoryLink.of(head, seq + 1, event).metaData()));
    }

    /**
     * Every event advances the seq and the chain's head: the hash stored with it, or for an event
     * stored before links were, the hash today's code computes. The last event of a request
     * remembers its seq for re-sends.
     */
    private void advance(RoomEvent event, MetaData metaData) {
        seq++;
        head = metaData.get(HistoryLink.HASH) instanceof String stored ? stored
                : HistoryLink.of(head, seq, event).hash();
        if (metaData.get(REQUEST) instanceof String request) {
            answered.remove(request);
            answered.put(request, seq);
            if (answered.size() > REMEMBERED_REQUESTS) {
                answered.remove(answered.keySet().iterator().next());
            }
        }
    }

    private AgendaOptions options() {
        if (options == null) {
            options = new AgendaOptions(agenda);
        }
        return options;
    }

    @EventSourcingHandler
    void on(RoomCreated event, MetaData metaData) {
        roomId = event.roomId();
        agenda = event.agenda();
        floorPrivacy.setLevel(event.privacyInForce().band());
        advance(event, metaData);
    }

    @EventSourcingHandler
    void on(InterestsSubmitted event, MetaData metaData) {
        if (event.interests() == null) {
            interests.remove(event.party()); // erased: its key is gone
        } else {
            interests.put(event.party(), event.interests());
        }
        versions.put(event.party(), event.version());
        holdingPrivateData.add(event.party());
        submittedSinceRound.add(event.party());
        advance(event, metaData);
    }

    @EventSourcingHandler
    void on(ProposalsComputed event, MetaData metaData) {
        if (event.improves() == null) {
            if (event.band() != null) {
                floorPrivacy.setLevel(event.band()); // the level the round was computed at
                floorPrivacy.apply(cutForRound != null ? cutForRound : recut(event));
            } else {
                floorPrivacy.apply(new FloorPrivacy.Cut(Map.of(), Map.of())); // floors as entered, before bands
            }
            cutForRound = null;
            round = event.round();
            roundInterests = new HashMap<>(interests);
            submittedSinceRound.clear();
        }
        improvements += event.improves() == null ? 0 : event.packages().size();
        for (ProposedPackage proposal : event.packages()) {
            deals.put(proposal.ref(), new Deal(proposal.pkg(), proposal.terms() == null ? List.of() : proposal.terms(),
                    null));
        }
        advance(event, metaData);
    }

    /**
     * A round's cut rebuilt on replay from its seed and the interests in force. The frontier fitted
     * the limits when the round was computed, so it is rebuilt without them rather than fail on a limit
     * lowered since. When a party's interests were erased since (its key is gone), the round cannot be
     * re-cut: the partitions and bands as they stood stay (docs/privacy.md, known limits).
     */
    private FloorPrivacy.Cut recut(ProposalsComputed event) {
        if (!interests.keySet().containsAll(agenda.parties())) {
            floorPrivacy.retain(interests.keySet());
            return floorPrivacy.current();
        }
        List<PartyProfile> profiles = profiles(interests);
        int[][] breakpoints = RoundFrontiers.build(options().optionCounts(), profiles, REPLAY_LIMITS).utilities();
        return floorPrivacy.cut(agenda.parties(), RoundFrontiers.floorsOf(profiles), event.seed(), breakpoints);
    }

    @EventSourcingHandler
    void on(OfferMade event, MetaData metaData) {
        offers++;
        putDeal(event.ref(), new Deal(event.pkg(), event.terms(), event.party()));
        advance(event, metaData);
    }

    @EventSourcingHandler
    void on(TradeProposed event, MetaData metaData) {
        trades++;
        putDeal(event.ref(), new Deal(event.pkg(), event.terms(), event.party()));
        advance(event, metaData);
    }

    private void putDeal(String ref, Deal deal) {
        deals.put(ref, deal);
        answers.computeIfAbsent(ref, r -> new HashMap<>()).put(deal.author(), true);
    }

    @EventSourcingHandler
    void on(Accepted event, MetaData metaData) {
        answers.computeIfAbsent(event.ref(), r -> new HashMap<>()).put(event.party(), true);
        advance(event, metaData);
    }

    @EventSourcingHandler
    void on(Rejected event, MetaData metaData) {
        answers.computeIfAbsent(event.ref(), r -> new HashMap<>()).put(event.party(), false);
        advance(event, metaData);
    }

    @EventSourcingHandler
    void on(AgreementReached event, MetaData metaData) {
        agreedRef = event.ref();
        agreedRefs.add(event.ref());
        advance(event, metaData);
    }

    @EventSourcingHandler
    void on(NoteAdded event, MetaData metaData) {
        if (event.to() != null) {
            holdingPrivateData.add(event.party()); // its text is sealed under the author's key
        }
        advance(event, metaData);
    }

    @EventSourcingHandler
    void on(PrivateDataErased event, MetaData metaData) {
        holdingPrivateData.remove(event.party());
        unsealed.remove(event.party()); // an erasure withdraws the consent to unseal: a new unseal may follow
        interests.remove(event.party());
        floorPrivacy.forget(event.party());
        roundInterests.remove(event.party());
        submittedSinceRound.remove(event.party());
        advance(event, metaData);
    }

    @EventSourcingHandler
    void on(PrivacyNarrowed event, MetaData metaData) {
        floorPrivacy.choose(event.party(), event.band());
        advance(event, metaData);
    }

    @EventSourcingHandler
    void on(InterestsUnsealed event, MetaData metaData) {
        unsealed.add(event.party());
        advance(event, metaData);
    }

    // --- Protocol 1.1: amendments, withdrawals, mediator suggestions, caucus notes.
    // Refusals follow PROTOCOL 1.1's order: bad_request, not_found, forbidden, conflict.

    @CommandHandler
    public long handle(Amend command) {
        AgendaAmendments.apply(agenda, command.changes());
        checkText("reason", command.reason(), false);
        if (!isParty(command.role()) && !AgendaRules.MEDIATOR.equals(command.role())) {
            throw forbidden("'" + command.role() + "' is not a party of this room");
        }
        append(new AmendmentProposed(roomId, "a" + (amendments.size() + 1), command.role(), command.changes(),
                blankToNull(command.reason()), agendaVersion, command.at()));
        return seq;
    }

    private long acceptAmendment(Accept command) {
        String party = requireParty(command, "accept an amendment");
        Amendment amendment = amendments.get(command.ref());
        if (agreedAmendments.contains(command.ref())) {
            throw conflict("amendment '" + command.ref() + "' is already agreed");
        }
        if (amendment.agendaVersion() != agendaVersion) {
            throw conflict("the agenda changed since: '" + command.ref() + "' amends agenda version "
                    + amendment.agendaVersion() + ", the agenda is at version " + agendaVersion);
        }
        append(new Accepted(roomId, command.ref(), party, command.at()));
        if (everyoneAccepted(command.ref())) {
            append(new AgendaAmended(roomId, command.ref(), AgendaAmendments.apply(agenda, amendment.changes()),
                    agendaVersion + 1, command.at()));
        }
        return seq;
    }

    @CommandHandler
    public long handle(Withdraw command) {
        Deal deal = requireDeal(command.ref(), "ref");
        String party = requireParty(command, "withdraw");
        if (!party.equals(deal.author())) {
            throw forbidden("'" + command.ref() + "' is not your offer or trade: you can withdraw only your own");
        }
        requireCurrent(command.ref());
        if (withdrawnRefs.contains(command.ref())) {
            throw conflict("'" + command.ref() + "' is already withdrawn");
        }
        if (agreedRefs.contains(command.ref())) {
            throw conflict("'" + command.ref() + "' was agreed on; an agreement cannot be withdrawn");
        }
        append(new Withdrawn(roomId, command.ref(), party, command.at()));
        return seq;
    }

    @CommandHandler
    public long handle(Suggest command) {
        Package pkg = options().checkPackage("package", command.pkg(), true);
        List<Term> terms = checkTerms(command.terms(), List.of());
        checkText("text", command.text(), false);
        if (!AgendaRules.MEDIATOR.equals(command.role())) {
            throw forbidden("only a mediator can suggest a package; parties make offers");
        }
        append(new MediatorSuggested(roomId, "m" + (suggestions + 1), pkg, terms, blankToNull(command.text()),
                command.at()));
        return seq;
    }

    /** A caucus note's addressee must name someone in the room (bad_request), and a party may address only mediators. */
    private void checkAddressee(String to) {
        if (to != null && !isParty(to) && !AgendaRules.MEDIATOR.equals(to)) {
            throw badRequest("to: no party '" + to + "' in this room (name a party, or \"mediator\")");
        }
    }

    private NoteAdded caucusNote(AddNote command) {
        if (isParty(command.role()) && !AgendaRules.MEDIATOR.equals(command.to())) {
            throw forbidden("a party may address a caucus note only to \"mediator\"");
        }
        return new NoteAdded(roomId, command.role(), command.text(), command.at(), command.to(),
                CaucusCommitment.of(command.salt(), command.text()), command.salt());
    }

    /** A ref made on an earlier agenda version cannot be accepted, traded on or withdrawn. */
    private void requireCurrent(String ref) {
        if (staleRefs.contains(ref)) {
            throw conflict("the agenda changed since '" + ref + "' was made: it can no longer be accepted");
        }
    }

    private void requireAcceptable(String ref) {
        requireCurrent(ref);
        if (withdrawnRefs.contains(ref)) {
            throw conflict("'" + ref + "' was withdrawn");
        }
    }

    private static RoomRejection conflict(String message) {
        return new RoomRejection("conflict", message);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    @EventSourcingHandler
    void on(AmendmentProposed event, MetaData metaData) {
        amendments.put(event.ref(), new Amendment(event.party(), event.changes(), event.agendaVersion()));
        if (isParty(event.party())) {
            answers.computeIfAbsent(event.ref(), r -> new HashMap<>()).put(event.party(), true);
        }
        advance(event, metaData);
    }

    /** The new agenda holds from here: earlier refs go stale, and the next round needs every party's interests again. */
    @EventSourcingHandler
    void on(AgendaAmended event, MetaData metaData) {
        agenda = event.agenda();
        options = null;
        agendaVersion = event.version();
        agreedAmendments.add(event.ref());
        staleRefs.addAll(deals.keySet());
        submittedSinceRound.clear();
        advance(event, metaData);
    }

    @EventSourcingHandler
    void on(Withdrawn event, MetaData metaData) {
        withdrawnRefs.add(event.ref());
        advance(event, metaData);
    }

    @EventSourcingHandler
    void on(MediatorSuggested event, MetaData metaData) {
        suggestions++;
        deals.put(event.ref(), new Deal(event.pkg(), event.terms(), null)); // the mediator does not count as accepting
        advance(event, metaData);
    }
}
