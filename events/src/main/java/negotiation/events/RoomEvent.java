package negotiation.events;

import java.time.Instant;

/**
 * What every event of a room's log carries: the room it belongs to, when it happened, and its kind.
 * Sealed, so the contract's event types are one list the compiler keeps ({@code getPermittedSubclasses}).
 */
public sealed interface RoomEvent permits RoomCreated, InterestsSubmitted, ProposalsComputed, OfferMade,
        TradeProposed, Accepted, Rejected, AgreementReached, NoteAdded, InterestsUnsealed, PrivateDataErased,
        AmendmentProposed, AgendaAmended, Withdrawn, MediatorSuggested {
    String roomId();

    Instant at();

    /**
     * The event's stable type name: its {@code kind} on the wire and in the hash chain, fixed by a
     * constant ({@code KIND}) in each event so a renamed class cannot change history.
     */
    String kind();
}
