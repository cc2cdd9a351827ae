package negotiation.room;

import negotiation.commands.RoomCommand;

/**
 * Sends a command to its room and waits until its events are committed. Blocking: call it
 * from a worker thread. Refusals surface as {@link RoomRejection}.
 */
public interface RoomCommands {
    /**
     * Returns the seq of the last event the command appended. A non-null request key makes
     * the command idempotent: sent again with the same key, it appends nothing and returns
     * the first answer's seq.
     */
    long send(RoomCommand command, String request);

    /** Destroys a party's key in a room, so its sealed private data can never be read again. */
    void shred(String roomId, String party);
}
