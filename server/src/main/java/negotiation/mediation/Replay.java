package negotiation.mediation;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import negotiation.readmodel.RoomView;
import negotiation.readmodel.Viewer;
import negotiation.wire.EventMessage;
import negotiation.wire.analysis.SessionFigures;
import negotiation.wire.view.RoomViewData;

/**
 * An export read back and verified, with no server: the room view at any seq (the same fold
 * the server runs for {@code state?at=N}) and the session's analysis, as the exporting role saw them.
 */
public record Replay(String roomId, String role, List<EventMessage> events, ChainVerifier.Verification verification) {
    /** Reads and verifies an export; the events are those before the first break, if any. */
    public static Replay load(Path file) throws IOException {
        List<EventMessage> events = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ChainVerifier.Verification verification = ChainVerifier.verify(in, events::add);
            return new Replay(verification.roomId(), verification.role(), List.copyOf(events), verification);
        }
    }

    public long lastSeq() {
        return events.size();
    }

    /** The room view just after event {@code seq}, as the exporting role saw it. */
    public RoomViewData stateAt(long seq) {
        if (seq < 1 || seq > events.size()) {
            throw new IllegalArgumentException("the export has events 1.." + events.size() + ", not " + seq);
        }
        return RoomView.fold(roomId, new Viewer(role), events.subList(0, (int) seq));
    }

    /** The session analysis up to event {@code seq}. */
    public SessionFigures analysisAt(long seq) {
        return SessionAnalysis.of(roomId, role, events.subList(0, (int) Math.max(0, Math.min(seq, events.size()))));
    }
}
