package negotiation.commands;

import java.time.Instant;

/**
 * A command to one room. {@code role} is who sends it (a party name or "mediator"), as the
 * server authenticated it; {@code at} is the server's clock, read outside the aggregate.
 */
public interface RoomCommand {
    String roomId();

    String role();

    Instant at();
}
