package negotiation.room;

/**
 * How much one room may hold. Whoever creates a room holds every token for it, so without these
 * bounds one client could grow a room's history, memory and file without end. The room decides
 * (the aggregate counts in its own state), so every channel and every node refuse the same
 * command the same way. The defaults are far above what a negotiation uses: the POS walkthrough
 * ends at 8 events and 3,673 bytes (docs/protocol.md, "Limits of a room").
 *
 * <p>A per-role limit is a count of what that role has open now, so the role can free a place
 * (withdraw an offer); the room's totals are final: a full room takes nothing more but its
 * parties' erasures, and can still be read, exported and verified.
 *
 * @param pendingAmendments amendments one proposer may have pending: on the agenda in force, not
 *                          agreed and rejected by no party
 * @param openDeals         offers and trades, together, one party may have open: not withdrawn,
 *                          not agreed on, made on the agenda in force
 * @param notes             notes (caucus notes included) one role may write in the room's life
 * @param suggestions       mediator suggestions in the room's life
 * @param events            events in the room's life
 * @param bytes             bytes of events in the room's life, each counted as written (JSON, UTF-8,
 *                          private members included before sealing)
 */
public record RoomLimits(int pendingAmendments, int openDeals, int notes, int suggestions, long events,
                         long bytes) {
    /** The prefix of the system properties that override each limit, e.g. {@code -Dnegotiation.room.maxEvents=50000}. */
    public static final String PROPERTY_PREFIX = "negotiation.room.";
    /** The event metadata key of an event's size in bytes as the aggregate wrote it. */
    public static final String SIZE = "size";
    public static final RoomLimits DEFAULT = new RoomLimits(20, 50, 2_000, 200, 20_000, 20_000_000);

    public RoomLimits {
        if (pendingAmendments < 1 || openDeals < 1 || notes < 1 || suggestions < 1 || events < 2 || bytes < 1) {
            throw new IllegalArgumentException("room limits must be positive");
        }
    }

    /**
     * The limits in force: {@link #DEFAULT}, each overridden by its system property when set
     * ({@code maxPendingAmendments}, {@code maxOpenDeals}, {@code maxNotes}, {@code maxSuggestions},
     * {@code maxEvents}, {@code maxBytes} after {@value #PROPERTY_PREFIX}). Read per command, so a
     * node applies what it was started with; nodes of a cluster must be started with the same.
     */
    public static RoomLimits configured() {
        return new RoomLimits(
                (int) property("maxPendingAmendments", DEFAULT.pendingAmendments),
                (int) property("maxOpenDeals", DEFAULT.openDeals),
                (int) property("maxNotes", DEFAULT.notes),
                (int) property("maxSuggestions", DEFAULT.suggestions),
                property("maxEvents", DEFAULT.events),
                property("maxBytes", DEFAULT.bytes));
    }

    private static long property(String name, long fallback) {
        String raw = System.getProperty(PROPERTY_PREFIX + name);
        if (raw == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= 1 && value <= Integer.MAX_VALUE) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below, with the property's name
        }
        throw new IllegalArgumentException(PROPERTY_PREFIX + name + " must be an integer from 1 to "
                + Integer.MAX_VALUE + ", got '" + raw + "'");
    }

    /** A party's next offer or trade, with {@code open} of its offers and trades open now. */
    void checkOpenDeals(long open) {
        if (open >= openDeals) {
            throw tooLarge("you have " + open + " offers and trades open, the limit of a party (maxOpenDeals "
                    + openDeals + "): withdraw one of them first");
        }
    }

    /** A role's next amendment, with {@code pending} of its amendments pending now. */
    void checkPendingAmendments(long pending) {
        if (pending >= pendingAmendments) {
            throw tooLarge("you have " + pending + " amendments pending, the limit of a role (maxPendingAmendments "
                    + pendingAmendments + "): wait until the parties agree or reject one (a rejection closes it)");
        }
    }

    /** A role's next note, with {@code written} notes written by it so far. */
    void checkNotes(int written) {
        if (written >= notes) {
            throw tooLarge("you wrote " + written + " notes in this room, the limit of a role (maxNotes " + notes
                    + "): no more notes can be added here; gather your points in fewer, longer notes");
        }
    }

    /** The mediator's next suggestion, with {@code made} suggestions made so far. */
    void checkSuggestions(int made) {
        if (made >= suggestions) {
            throw tooLarge("this room has " + made + " suggestions, its limit (maxSuggestions " + suggestions
                    + "): no more suggestions can be added; a note can still describe a package");
        }
    }

    /** The room's totals if one more event of {@code size} bytes were appended after {@code seq} events of {@code sum} bytes. */
    void checkRoom(long seq, long sum, long size) {
        if (seq + 1 > events) {
            throw tooLarge("this room holds " + seq + " events, its limit (maxEvents " + events
                    + "): nothing more can be added; export it and continue in a new room");
        }
        if (sum + size > bytes) {
            throw tooLarge("this room holds " + sum + " bytes of events and this command would add " + size
                    + ", over its limit (maxBytes " + bytes + "): nothing more can be added; export it and continue"
                    + " in a new room");
        }
    }

    private static RoomRejection tooLarge(String message) {
        return new RoomRejection("too_large", message);
    }
}
