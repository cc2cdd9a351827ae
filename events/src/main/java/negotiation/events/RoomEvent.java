package negotiation.events;

import java.time.Instant;

/**
 * What every event of a room's log carries: the room it belongs to, when it happened, and its kind.
 * Sealed, so the contract's event types are one list the compiler keeps ({@code getPermittedSubclasses}).
 */
public sealed interface RoomEvent permits RoomCreated, InterestsSubmitted, ProposalsComputed, OfferMade,
        TradeProposed, Accepted, Rejected, AgreementReached, NoteAdded, InterestsUnsealed, PrivateDataErased,
        AmendmentProposed, AgendaAmended, Withdrawn, MediatorSuggested, PrivacyNarrowed {
    String roomId();

    Instant at();

    /**
     * The event's stable type name: its {@code kind} on the wire and in the hash chain, fixed by a
     * constant ({@code KIND}) in each event so a renamed class cannot change history.
     */
    String kind();

    /** An event type's stable name, read from its {@code KIND} constant (for code that has a type, not an event). */
    static String kindOf(Class<?> eventType) {
        try {
            return (String) eventType.getField("KIND").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(eventType.getName() + " declares no public KIND", e);
        }
    }
}
