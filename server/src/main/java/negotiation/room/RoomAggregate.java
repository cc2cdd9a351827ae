package negotiation.room;

import negotiation.history.HistoryLink;
import static negotiation.room.RoomRejection.badRequest;
import static negotiation.room.RoomRejection.forbidden;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import negotiation.Json;
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
import negotiation.engine.EngineOutOfTime;
import negotiation.engine.FrontierTooLargeException;
import negotiation.events.Accepted;
import negotiation.events.Agenda;
import negotiation.events.AgendaAmended;
import negotiation.events.AgendaChange;
import negotiation.events.AmendmentProposed;
import negotiation.events.AgreementReached;
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
import org.axonframework.serialization.Revision;

/**
 * One negotiation room, event-sourced. Command handlers check the rules and apply events;
 * event-sourcing handlers only assign state. Every handler returns the seq of the last
 * event it appended, which the server sends back in the ack. The room's state is held by concept:
 * what is on the table ({@link Table}), the agenda's amendments ({@link Amendments}), the floor
 * bands ({@link FloorPrivacy}); the parties' interests stay here, where the store seals them in
 * snapshots. Refusals follow docs/protocol.md's order: bad_request, not_found, forbidden, conflict.
 */
// Axon skips snapshots of another revision and replays the events instead: the revision changes
// whenever the state's form does, so no snapshot is read into a state it does not fit.
@Revision("6")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class RoomAggregate extends RoomState {
    /** The command metadata key of a request's idempotency key; events carry it too. */
    public static final String REQUEST = "request";

    protected RoomAggregate() {
        // for Axon and snapshots
    }

    @CommandHandler
    public RoomAggregate(CreateRoom command) {
        Agenda asked = CleanText.agenda(command.agenda());
        AgendaRules.check(asked);
        append(new RoomCreated(command.roomId(), asked, command.tokenHashes(), command.at(),
                RoomSettings.level(command.privacy()), RoomSettings.names(asked, command.names())));
    }

    @CommandHandler
    public long handle(SubmitInterests command) {
        String party = requireParty(command, "submit interests");
        InterestsRules.check(options(), command.interests());
        append(new InterestsSubmitted(roomId, party, versions.getOrDefault(party, 0) + 1, command.interests(),
                command.at(), InterestsCommitment.of(command.salt(), command.interests()), command.salt()));
        if (submittedSinceRound.containsAll(agenda.parties()) && interests.keySet().containsAll(agenda.parties())) {
            computeRound(party, command.seed(), command.at());
        }
        return seq;
    }

    @CommandHandler
    public long handle(MakeOffer command) {
        String party = requireParty(command, "make offers");
        Package pkg = options().checkPackage("package", command.pkg(), true);
        List<Term> terms = Texts.terms(command.terms(), List.of());
        RoomLimits.configured().checkOpenDeals(table.openDealsOf(party));
        append(new OfferMade(roomId, table.nextOffer(), party, pkg, terms, command.at()));
        return seq;
    }

    @CommandHandler
    public long handle(ProposeTrade command) {
        String party = requireParty(command, "propose trades");
        Deal base = table.require(command.on(), "on");
        table.requireCurrent(command.on());
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
        List<Term> terms = Texts.terms(command.terms(), base.terms());
        Package traded = options().checkPackage("package", result, true);
        RoomLimits.configured().checkOpenDeals(table.openDealsOf(party));
        append(new TradeProposed(roomId, table.nextTrade(), party, command.on(), give, get,
                traded, terms, command.at()));
        return seq;
    }

    @CommandHandler
    public long handle(Accept command) {
        if (amendments.has(command.ref())) {
            return acceptAmendment(command);
        }
        table.require(command.ref(), "ref"); // an unknown ref before the wrong role
        String party = requireParty(command, "accept");
        table.requireAcceptable(command.ref());
        append(new Accepted(roomId, command.ref(), party, command.at()));
        if (!table.isAgreement(command.ref()) && table.everyoneAccepted(command.ref(), agenda.parties())) {
            reachAgreement(party, command.ref(), command.at());
        }
        return seq;
    }

    private long acceptAmendment(Accept command) {
        String party = requireParty(command, "accept an amendment");
        Amendment amendment = amendments.requireOpen(command.ref());
        append(new Accepted(roomId, command.ref(), party, command.at()));
        if (table.everyoneAccepted(command.ref(), agenda.parties())) {
            append(new AgendaAmended(roomId, command.ref(), AgendaAmendments.apply(agenda, amendment.changes()),
                    amendments.agendaVersion() + 1, command.at()));
        }
        return seq;
    }

    @CommandHandler
    public long handle(Reject command) {
        String party = requireParty(command, "reject");
        if (!amendments.has(command.ref())) {
            table.require(command.ref(), "ref");
        }
        String reason = Texts.checked("reason", command.reason(), false);
        append(new Rejected(roomId, command.ref(), party, reason, command.at()));
        return seq;
    }

    @CommandHandler
    public long handle(Amend command) {
        List<AgendaChange> changes = CleanText.changes(command.changes());
        AgendaAmendments.apply(agenda, changes);
        String reason = Texts.checked("reason", command.reason(), false);
        if (!isParty(command.role()) && !AgendaRules.MEDIATOR.equals(command.role())) {
            throw forbidden("'" + command.role() + "' is not a party of this room");
        }
        RoomLimits.configured().checkPendingAmendments(amendments.pendingBy(command.role(), table));
        append(new AmendmentProposed(roomId, amendments.next(), command.role(), changes,
                Texts.blankToNull(reason), amendments.agendaVersion(), command.at()));
        return seq;
    }

    @CommandHandler
    public long handle(Withdraw command) {
        table.require(command.ref(), "ref");
        String party = requireParty(command, "withdraw");
        table.requireWithdrawable(command.ref(), party);
        append(new Withdrawn(roomId, command.ref(), party, command.at()));
        return seq;
    }

    @CommandHandler
    public long handle(Suggest command) {
        Package pkg = options().checkPackage("package", command.pkg(), true);
        List<Term> terms = Texts.terms(command.terms(), List.of());
        String text = Texts.checked("text", command.text(), false);
        if (!AgendaRules.MEDIATOR.equals(command.role())) {
            throw forbidden("only a mediator can suggest a package; parties make offers");
        }
        RoomLimits.configured().checkSuggestions(table.suggestions());
        append(new MediatorSuggested(roomId, table.nextSuggestion(), pkg, terms, Texts.blankToNull(text),
                command.at()));
        return seq;
    }

    @CommandHandler
    public long handle(AddNote command) {
        String text = Texts.checked("text", command.text(), true);
        if (command.to() != null && !isParty(command.to()) && !AgendaRules.MEDIATOR.equals(command.to())) {
            throw badRequest("to: no party '" + command.to() + "' in this room (name a party, or \"mediator\")");
        }
        if (!isParty(command.role()) && !AgendaRules.MEDIATOR.equals(command.role())) {
            throw forbidden("unknown role '" + command.role() + "'");
        }
        if (command.to() != null && isParty(command.role()) && !AgendaRules.MEDIATOR.equals(command.to())) {
            throw forbidden("a party may address a caucus note only to \"mediator\"");
        }
        RoomLimits.configured().checkNotes(notesBy.getOrDefault(command.role(), 0));
        if (command.to() == null) {
            append(new NoteAdded(roomId, command.role(), text, command.at()));
            return seq;
        }
        append(new NoteAdded(roomId, command.role(), text, command.at(), command.to(),
                CaucusCommitment.of(command.salt(), text), command.salt()));
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
                    + " points (a narrowed band is never widened); got " + command.band());
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
     * The engine runs here, on the command bus's worker thread (never an event loop). Its work limit
     * counts work, not wall-clock time, so the same command on the same room is always accepted or
     * always refused for it, whatever the machine's load (conflict); its CPU time limit and the room's
     * and sender's share of engine time ({@link EngineQuota}) refuse with rate_limited, to be sent
     * again. Refused, the command appends nothing.
     *
     * <p>The round sees each floor rounded up to the top of its band, so what it shows publicly is the
     * same for every floor in that band; each party's safe offers are its own (docs/privacy.md).
     */
    private void computeRound(String sender, long seed, Instant at) {
        cutForRound = null; // never one left from a command that failed
        EngineQuota.shared().check(roomId, sender);
        Rounds.Computed computed;
        try {
            computed = EngineQuota.shared().spend(roomId, sender, () -> Rounds.round(roomId, round + 1, options(),
                    agenda.parties(), profiles(interests), floorPrivacy, seed, EngineLimits.configured(), drawRule(), at));
        } catch (FrontierTooLargeException e) {
            throw RoomRejection.conflict("round " + (round + 1) + " not computed: " + e.getMessage());
        } catch (EngineOutOfTime e) {
            throw new RoomRejection("rate_limited", "round " + (round + 1) + " not computed: " + e.getMessage()
                    + "; nothing was appended: send it again later");
        }
        cutForRound = computed.cut();
        append(computed.event());
    }

    /** The frontier draw in force: fair-first unless the system property asks for the product draw (bench). */
    private static DrawRule drawRule() {
        return "product".equals(System.getProperty("negotiation.draw")) ? DrawRule.PRODUCT : DrawRule.FAIR_FIRST;
    }

    /**
     * Agreement, then the improvement round on the last round's interests and bands (the engine's rule 6 as
     * docs/privacy.md extends it): after every agreement, even when it finds nothing, so that its
     * presence reveals nothing. Before any round, or after an erasure (the round's interests are then
     * incomplete), there is nothing to judge on: the round is empty and the agreement unjudged.
     */
    private void reachAgreement(String party, String ref, Instant at) {
        Deal deal = table.require(ref, "ref");
        ProposalsComputed improvement = null;
        if (round > 0 && roundInterests.keySet().containsAll(agenda.parties())) {
            try {
                // Without the time limit, and never refused for the quota: the agreement must not fail, and what
                // it appends must not depend on the machine's load. The round on these interests fitted.
                improvement = EngineQuota.shared().spend(roomId, party, () -> Rounds.improvement(roomId,
                        round, ref, options().indices(deal.pkg()), deal.terms(), table.nextImprovement(), options(),
                        agenda.parties(), profiles(roundInterests), floorPrivacy, EngineLimits.configured().withoutTimeLimit(),
                        at));
            } catch (FrontierTooLargeException e) {
                // The round on these interests fitted the same deterministic limit, so only a lowered
                // limit gets here; the agreement must not fail for it: it stays unjudged.
            }
        }
        append(new AgreementReached(roomId, ref, deal.pkg(), deal.terms(),
                improvement == null ? null : improvement.zopa(), at));
        append(improvement != null ? improvement
                : new ProposalsComputed(roomId, round, false, 0, List.of(), ref, null, at, null));
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
        long size = sizeOf(event);
        // An erasure is never refused: a full room must still let a party take its data back.
        if (!(event instanceof PrivateDataErased)) {
            RoomLimits.configured().checkRoom(seq, bytes, size);
        }
        Map<String, Object> metaData = new HashMap<>(HistoryLink.of(head, seq + 1, event).metaData());
        metaData.put(RoomLimits.SIZE, size);
        apply(event, MetaData.from(metaData));
    }

    /** The event's bytes as written: its JSON, private members still in clear (they are sealed in the store). */
    private static long sizeOf(RoomEvent event) {
        try {
            return Json.MAPPER.writeValueAsBytes(event).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event that cannot be written as JSON: " + event.kind(), e);
        }
    }


}
