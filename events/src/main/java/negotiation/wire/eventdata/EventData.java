package negotiation.wire.eventdata;

import java.util.Map;
import negotiation.events.Accepted;
import negotiation.events.AgendaAmended;
import negotiation.events.AgreementReached;
import negotiation.events.AmendmentProposed;
import negotiation.events.InterestsSubmitted;
import negotiation.events.InterestsUnsealed;
import negotiation.events.MediatorSuggested;
import negotiation.events.NoteAdded;
import negotiation.events.OfferMade;
import negotiation.events.PrivacyNarrowed;
import negotiation.events.PrivateDataErased;
import negotiation.events.ProposalsComputed;
import negotiation.events.Rejected;
import negotiation.events.RoomCreated;
import negotiation.events.TradeProposed;
import negotiation.events.Withdrawn;

/**
 * The {@code data} of an event message: one record per event kind, as one role sees it. A
 * member the role may not see is null, and null members are left out of the JSON, so a view
 * shows only what its role may see; members marked {@link negotiation.events.Private} are what
 * the public form (the part the room's hash chain covers) leaves out.
 */
public sealed interface EventData permits RoomCreatedData, InterestsSubmittedData, ProposalsComputedData,
        OfferMadeData, TradeProposedData, AcceptedData, RejectedData, AgreementReachedData, NoteAddedData,
        CaucusNoteData, InterestsUnsealedData, PrivateDataErasedData, AmendmentProposedData, AgendaAmendedData,
        WithdrawnData, MediatorSuggestedData, PrivacyNarrowedData {

    /** The data type of each event kind; a caucus note (a note with {@code to}) has {@link CaucusNoteData}. */
    Map<String, Class<? extends EventData>> TYPES = Map.ofEntries(
            Map.entry(RoomCreated.KIND, RoomCreatedData.class),
            Map.entry(InterestsSubmitted.KIND, InterestsSubmittedData.class),
            Map.entry(ProposalsComputed.KIND, ProposalsComputedData.class),
            Map.entry(OfferMade.KIND, OfferMadeData.class),
            Map.entry(TradeProposed.KIND, TradeProposedData.class),
            Map.entry(Accepted.KIND, AcceptedData.class),
            Map.entry(Rejected.KIND, RejectedData.class),
            Map.entry(AgreementReached.KIND, AgreementReachedData.class),
            Map.entry(NoteAdded.KIND, NoteAddedData.class),
            Map.entry(InterestsUnsealed.KIND, InterestsUnsealedData.class),
            Map.entry(PrivateDataErased.KIND, PrivateDataErasedData.class),
            Map.entry(AmendmentProposed.KIND, AmendmentProposedData.class),
            Map.entry(AgendaAmended.KIND, AgendaAmendedData.class),
            Map.entry(Withdrawn.KIND, WithdrawnData.class),
            Map.entry(MediatorSuggested.KIND, MediatorSuggestedData.class),
            Map.entry(PrivacyNarrowed.KIND, PrivacyNarrowedData.class));

    /**
     * The data type of an event of {@code kind}; {@code caucus} tells a note with an addressee.
     *
     * @throws IllegalArgumentException for a kind this contract does not know
     */
    static Class<? extends EventData> typeOf(String kind, boolean caucus) {
        Class<? extends EventData> type = TYPES.get(kind);
        if (type == null) {
            throw new IllegalArgumentException("no event kind " + kind);
        }
        return type == NoteAddedData.class && caucus ? CaucusNoteData.class : type;
    }
}
