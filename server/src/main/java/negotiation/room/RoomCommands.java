package negotiation.room;

import negotiation.commands.RoomCommand;

/**
 * Sends a command to its room and waits until its events are committed. Blocking: call it
 * from a worker thread. Refusals surface as {@link RoomRejection}.
 */
public interface RoomCommands {
    /** Returns the seq of the last event the command appended. */
    long send(RoomCommand command);
}
