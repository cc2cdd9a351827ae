package negotiation.mediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import negotiation.readmodel.RoomView;
import negotiation.readmodel.Viewer;
import negotiation.wire.analysis.SessionFigures;
import negotiation.wire.view.OfferView;
import negotiation.wire.view.RoomViewData;
import org.junit.jupiter.api.Test;

/**
 * The session analysis takes the room from {@link RoomView}'s fold ({@link RoomView.Step}) and
 * keeps no room state of its own, so it cannot drift from the room view: checked on every export
 * of the golden log (each role, every event kind, erasure included), at every seq.
 */
class AnalysisFollowsTheFoldTest {
    private static final Path EXPORTS = Path.of("src/test/resources/golden/exports");

    static List<Replay> exports() throws IOException {
        List<Replay> replays = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXPORTS)) {
            for (Path file : files.sorted().toList()) {
                replays.add(Replay.load(file));
            }
        }
        assertEquals(6, replays.size(), "two golden rooms, three roles each");
        return replays;
    }

    /** The step is shown each event once, in order, with the room exactly as the fold up to that event leaves it. */
    @Test
    void theStepSeesTheRoomAfterEachEvent() throws IOException {
        for (Replay replay : exports()) {
            Viewer viewer = new Viewer(replay.role());
            List<Long> seen = new ArrayList<>();
            RoomView.fold(replay.roomId(), viewer, replay.events(), (event, room) -> {
                seen.add(event.seq());
                RoomViewData view = replay.stateAt(event.seq());
                String where = replay.roomId() + " as " + replay.role() + " after " + event.seq();
                assertEquals(view.agenda(), room.agenda(), where + ": agenda");
                assertEquals(view.round(), room.round(), where + ": round");
                assertEquals(view.offers(), room.offers(), where + ": offers");
                assertEquals(view.agreement(), room.agreement(), where + ": agreement");
                Object shown = viewer.isMediator() ? room.interests() : room.interests().get(viewer.role());
                assertEquals(view.interests(), shown, where + ": interests");
            });
            assertEquals(replay.events().stream().map(e -> e.seq()).toList(), seen, replay.roomId() + " " + replay.role());
        }
    }

    /** At every seq, the moves judged, counted and valued are the view's offers, and the agreement is the view's. */
    @Test
    void theAnalysisAgreesWithTheViewAtEverySeq() throws IOException {
        int compared = 0;
        for (Replay replay : exports()) {
            for (long seq = 1; seq <= replay.lastSeq(); seq++) {
                RoomViewData view = replay.stateAt(seq);
                SessionFigures analysis = replay.analysisAt(seq);
                String where = replay.roomId() + " as " + replay.role() + " at " + seq;
                assertEquals(view.seq(), analysis.seq(), where);
                assertEquals(view.head(), analysis.head(), where);
                assertEquals(view.parties().stream().map(p -> p.name()).toList(), analysis.parties(), where);
                assertEquals(view.round(), analysis.rounds(), where + ": rounds");
                assertEquals(moves(view), analysis.concessions().stream().map(m -> m.ref()).toList(),
                        where + ": moves judged");
                assertEquals(counts(view), analysis.moves().entrySet().stream()
                                .collect(TreeMap::new, (m, e) -> m.put(e.getKey(), List.of(e.getValue().offers(),
                                        e.getValue().trades())), Map::putAll), where + ": offers and trades counted");
                assertEquals(view.agreement() == null ? null : view.agreement().ref(),
                        analysis.agreement() == null ? null : analysis.agreement().ref(), where + ": agreement");
                assertEquals(visible(view), analysis.visible(), where + ": parties valued");
                compared++;
            }
        }
        assertTrue(compared > 26, "seqs compared: " + compared);
    }

    /** The refs of the view's offers, trades and mediator's suggestions, in seq order. */
    private static List<String> moves(RoomViewData view) {
        TreeMap<Long, String> bySeq = new TreeMap<>();
        view.offers().forEach(o -> bySeq.put(o.seq(), o.ref()));
        view.suggestions().forEach(s -> bySeq.put(s.seq(), s.ref()));
        return List.copyOf(bySeq.values());
    }

    /** Offers and trades by party, from the view, for every party of the room. */
    private static Map<String, List<Integer>> counts(RoomViewData view) {
        Map<String, List<Integer>> out = new TreeMap<>();
        view.parties().forEach(p -> out.put(p.name(), List.of(0, 0)));
        for (OfferView o : view.offers()) {
            List<Integer> n = out.getOrDefault(o.party(), List.of(0, 0));
            boolean trade = "trade".equals(o.kind());
            out.put(o.party(), List.of(n.get(0) + (trade ? 0 : 1), n.get(1) + (trade ? 1 : 0)));
        }
        return out;
    }

    /** The parties whose interests the view shows, by name. */
    private static List<String> visible(RoomViewData view) {
        if (view.interests() instanceof Map<?, ?> byParty) {
            return byParty.keySet().stream().map(String::valueOf).sorted().toList();
        }
        return view.interests() == null ? List.of() : List.of(view.role());
    }
}
