package negotiation.wire;

import java.util.Map;

/** The 201 answer to room creation: the room id and every role's invite token, shown once. */
public record RoomCreatedAnswer(String roomId, Map<String, String> invites) {
}
