package negotiation.room;

import negotiation.history.HistoryLink;
import negotiation.history.HashChain;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import negotiation.engine.EngineLimits;
import negotiation.engine.PartyProfile;
import negotiation.engine.RoundFrontiers;
import negotiation.events.AgendaAmended;
import negotiation.events.AgreementReached;
import negotiation.events.AmendmentProposed;
import negotiation.events.Accepted;
import negotiation.events.Agenda;
import negotiation.events.Interests;
import negotiation.events.InterestsSubmitted;
import negotiation.events.InterestsUnsealed;
import negotiation.events.MediatorSuggested;
import negotiation.events.NoteAdded;
import negotiation.events.OfferMade;
import negotiation.events.PrivacyNarrowed;
import negotiation.events.PrivateDataErased;
import negotiation.events.ProposalsComputed;
import negotiation.events.ProposedPackage;
import negotiation.events.Rejected;
import negotiation.events.RoomCreated;
import negotiation.events.RoomEvent;
import negotiation.events.TradeProposed;
import negotiation.events.Withdrawn;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * What a room remembers, folded from its events: its event-sourcing handlers only assign state,
 * and {@link RoomAggregate} decides on commands from it. What is on the table is a {@link Table},
 * the amendments are {@link Amendments}, the floor bands {@link FloorPrivacy}; the parties'
 * interests stay top-level fields, where the store seals them in snapshots.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
abstract class RoomState {
    static final int REMEMBERED_REQUESTS = 1000;
    static final EngineLimits REPLAY_LIMITS = new EngineLimits(Long.MAX_VALUE, EngineLimits.DEFAULT_MAX_CANDIDATES)
            .withoutTimeLimit();

    @AggregateIdentifier
    String roomId;
    Agenda agenda;
    long seq;
    /** The hash of the last event, which the next event's stored link chains from ({@link HistoryLink}). */
    String head = HashChain.GENESIS;
    /** Each party's latest interests (sealed in snapshots under the party's key). */
    Map<String, Interests> interests = new HashMap<>();
    Map<String, Integer> versions = new HashMap<>();
    Set<String> submittedSinceRound = new java.util.HashSet<>();
    int round;
    /** The interests the last round was computed on (sealed in snapshots like {@link #interests}). */
    Map<String, Interests> roundInterests = new HashMap<>();
    Set<String> unsealed = new java.util.HashSet<>();
    LinkedHashMap<String, Long> answered = new LinkedHashMap<>();
    /** Parties with private data at rest (interests, caucus notes) written since their last erasure. */
    Set<String> holdingPrivateData = new java.util.HashSet<>();
    /** The bytes of every event so far, each as written ({@link RoomLimits#bytes}). */
    long bytes;
    /** How many notes each role wrote, caucus notes included ({@link RoomLimits#notes}). */
    Map<String, Integer> notesBy = new HashMap<>();
    Table table = new Table();
    Amendments amendments = new Amendments();
    /** The floor bands rounds are computed with (docs/privacy.md): the level, each party's choice and cells. */
    FloorPrivacy floorPrivacy = new FloorPrivacy();
    /** The cut the command handler just computed, so its own event need not rebuild the frontier. */
    transient FloorPrivacy.Cut cutForRound;
    transient AgendaOptions options;

    /**
     * Every event advances the seq and the chain's head: the hash stored with it, or for an event
     * stored before links were, the hash today's code computes. The last event of a request
     * remembers its seq for re-sends.
     */
    void advance(RoomEvent event, MetaData metaData) {
        seq++;
        HistoryLink computed = metaData.get(HistoryLink.HASH) instanceof String ? null : HistoryLink.of(head, seq, event);
        head = computed == null ? (String) metaData.get(HistoryLink.HASH) : computed.hash();
        bytes += sizeAsWritten(metaData, computed);
        if (metaData.get(RoomAggregate.REQUEST) instanceof String request) {
            answered.remove(request);
            answered.put(request, seq);
            if (answered.size() > REMEMBERED_REQUESTS) {
                answered.remove(answered.keySet().iterator().next());
            }
        }
    }

    /**
     * An event's bytes as counted against {@link RoomLimits#bytes}: the size the aggregate stored
     * with it, or for an event stored before sizes were, the length of its public form. Read from
     * what is stored, never recomputed from the payload, so an erasure (which empties sealed
     * members on replay) does not change a room's count.
     */
    private static long sizeAsWritten(MetaData metaData, HistoryLink computed) {
        if (metaData.get(RoomLimits.SIZE) instanceof Number size) {
            return size.longValue();
        }
        String form = metaData.get(HistoryLink.PUBLIC) instanceof String stored ? stored
                : computed != null ? computed.publicForm() : "";
        return form.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    AgendaOptions options() {
        if (options == null) {
            options = new AgendaOptions(agenda);
        }
        return options;
    }

    List<PartyProfile> profiles(Map<String, Interests> byParty) {
        return agenda.parties().stream().map(p -> InterestsRules.compile(options(), byParty.get(p))).toList();
    }

    boolean isParty(String role) {
        return agenda.parties().contains(role);
    }

    // --- event-sourcing handlers: they only assign state

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
        for (ProposedPackage proposal : event.packages()) {
            table.proposed(proposal.ref(), new Deal(proposal.pkg(), proposal.terms() == null ? List.of()
                    : proposal.terms(), null), event.improves() != null);
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
        table.offered(event.ref(), new Deal(event.pkg(), event.terms(), event.party()));
        advance(event, metaData);
    }

    @EventSourcingHandler
    void on(TradeProposed event, MetaData metaData) {
        table.traded(event.ref(), new Deal(event.pkg(), event.terms(), event.party()));
        advance(event, metaData);
    }

    @EventSourcingHandler
    void on(Accepted event, MetaData metaData) {
        table.answer(event.ref(), event.party(), true);
        advance(event, metaData);
    }

    @EventSourcingHandler
    void on(Rejected event, MetaData metaData) {
        table.answer(event.ref(), event.party(), false);
        advance(event, metaData);
    }

    @EventSourcingHandler
    void on(AgreementReached event, MetaData metaData) {
        table.agreed(event.ref());
        advance(event, metaData);
    }

    @EventSourcingHandler
    void on(NoteAdded event, MetaData metaData) {
        if (event.to() != null) {
            holdingPrivateData.add(event.party()); // its text is sealed under the author's key
        }
        notesBy.merge(event.party(), 1, Integer::sum);
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

    @EventSourcingHandler
    void on(AmendmentProposed event, MetaData metaData) {
        amendments.proposed(event.ref(), new Amendment(event.party(), event.changes(), event.agendaVersion()));
        if (isParty(event.party())) {
            table.answer(event.ref(), event.party(), true);
        }
        advance(event, metaData);
    }

    /** The new agenda holds from here: earlier refs go stale, and the next round needs every party's interests again. */
    @EventSourcingHandler
    void on(AgendaAmended event, MetaData metaData) {
        agenda = event.agenda();
        options = null;
        amendments.amended(event.ref(), event.version());
        table.agendaAmended();
        submittedSinceRound.clear();
        advance(event, metaData);
    }

    @EventSourcingHandler
    void on(Withdrawn event, MetaData metaData) {
        table.withdrawn(event.ref());
        advance(event, metaData);
    }

    @EventSourcingHandler
    void on(MediatorSuggested event, MetaData metaData) {
        table.suggested(event.ref(), new Deal(event.pkg(), event.terms(), null));
        advance(event, metaData);
    }}
