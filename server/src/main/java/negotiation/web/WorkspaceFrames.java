package negotiation.web;

import static negotiation.room.RoomRejection.badRequest;
import static negotiation.web.Frames.optional;
import static negotiation.web.Frames.required;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import negotiation.commands.Amend;
import negotiation.commands.RoomCommand;
import negotiation.commands.Suggest;
import negotiation.commands.Withdraw;
import negotiation.events.AgendaChange;
import negotiation.events.Package;
import negotiation.events.Term;

/** Reads protocol 1.1's new commands (amend, withdraw, suggest) from client frames; see {@link Frames}. */
final class WorkspaceFrames {
    private static final TypeReference<List<AgendaChange>> CHANGES = new TypeReference<>() {
    };
    private static final TypeReference<List<Term>> TERMS = new TypeReference<>() {
    };

    private WorkspaceFrames() {
    }

    /** The command of a protocol 1.1 frame; bad_request for a type no version of the protocol knows. */
    static RoomCommand command(Frames.ClientFrame frame, String roomId, String role, Instant at) {
        JsonNode body = frame.body();
        return switch (frame.type()) {
            case "withdraw" -> new Withdraw(roomId, role, required(body, "ref", String.class), at);
            case "amend" -> new Amend(roomId, role, required(body, "changes", CHANGES),
                    optional(body, "reason", String.class), at);
            case "suggest" -> new Suggest(roomId, role, required(body, "package", Package.class),
                    optional(body, "terms", TERMS), optional(body, "text", String.class), at);
            default -> throw badRequest("unknown message type '" + frame.type() + "'");
        };
    }
}
