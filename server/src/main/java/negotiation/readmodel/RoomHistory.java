package negotiation.readmodel;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import negotiation.engine.PartyProfile;
import negotiation.events.Interests;
import negotiation.events.AgendaAmended;
import negotiation.events.InterestsSubmitted;
import negotiation.events.InterestsUnsealed;
import negotiation.events.PrivateDataErased;
import negotiation.events.RoomCreated;
import negotiation.room.AgendaOptions;
import negotiation.history.HashChain;
import negotiation.history.DamagedHistory;
import negotiation.room.RoomRejection;
import negotiation.history.HistoryLink;
import negotiation.room.InterestsRules;
import negotiation.history.LoggedEvent;

/**
 * A room's log in memory, with what every view needs beside each event: each party's
 * interests as they stood at that seq (utilities are shown as they were then), and who has
 * unsealed by now (an unseal opens earlier events too; an erasure withdraws it). Appends come from
 * one writer at a time (a read from the store, or this process's commits, under the holder's lock);
 * readers take an immutable {@link Snapshot}, in O(1): it shares the append-only entries
 * ({@link AppendOnlyList}) and the current set of unsealed parties (replaced, never changed).
 */
public final class RoomHistory {
    /** One party's interests in force at some seq, compiled once for utility lookups. */
    public record Standing(Interests interests, PartyProfile profile) {
    }

    /**
     * An event, the standings in force just after it, its link in the room's {@link HashChain}, and
     * the agenda's options in force then (an amendment changes them; standings are compiled against them).
     */
    public record Entry(LoggedEvent logged, Map<String, Standing> standings, String hash, AgendaOptions options) {
        public long seq() {
            return logged.seq();
        }
    }

    /** The history up to some seq, safe to read from any thread. */
    public record Snapshot(RoomCreated created, AgendaOptions options, List<Entry> entries, Set<String> unsealed) {
        public long lastSeq() {
            return entries.size();
        }

        /** The entries with after < seq <= upTo. */
        public List<Entry> between(long after, long upTo) {
            int from = (int) Math.max(0, Math.min(after, entries.size()));
            int to = (int) Math.max(from, Math.min(upTo, entries.size()));
            return entries.subList(from, to);
        }

        /** The hash chain's head: the hash of the last event (the genesis value when there is none). */
        public String head() {
            return entries.isEmpty() ? HashChain.GENESIS : entries.get(entries.size() - 1).hash();
        }

        public Snapshot upTo(long seq) {
            return new Snapshot(created, options, between(0, seq), unsealed);
        }
    }

    private AppendOnlyList<Entry> entries = new AppendOnlyList<>();
    private Set<String> unsealed = Set.of();
    private Map<String, Standing> standings = Map.of();
    private RoomCreated created;
    private AgendaOptions options;
    /** The {@link HistoryLink#formShape shapes} whose first stored event was compared with today's public form. */
    private Set<String> shapesCompared = new HashSet<>();

    public synchronized long lastSeq() {
        return entries.size();
    }

    /** Appends the next event; events must come in seq order, without gaps. */
    public synchronized void append(LoggedEvent logged) {
        if (logged.seq() != entries.size() + 1) {
            throw new IllegalStateException("expected seq " + (entries.size() + 1) + ", got " + logged.seq());
        }
        // Checked first: a damaged link throws before any of this history's state has changed.
        String previous = entries.isEmpty() ? HashChain.GENESIS : entries.get(entries.size() - 1).hash();
        // As stored, never recomputed for a stored link; today's form is compared for the first event of each shape.
        String shape = HistoryLink.formShape(logged.event());
        String hash;
        try {
            hash = HistoryLink.verified(previous, logged, !shapesCompared.contains(shape));
        } catch (DamagedHistory damaged) {
            throw new RoomRejection("internal", damaged.getMessage());
        }
        shapesCompared.add(shape);
        if (logged.event() instanceof RoomCreated room) {
            created = room;
            options = new AgendaOptions(room.agenda());
        } else if (logged.event() instanceof InterestsSubmitted submitted) {
            Map<String, Standing> next = new HashMap<>(standings);
            if (submitted.interests() == null) {
                next.remove(submitted.party()); // erased: its key is gone
            } else {
                next.put(submitted.party(), new Standing(submitted.interests(),
                        InterestsRules.compile(options, submitted.interests())));
            }
            standings = Map.copyOf(next);
        } else if (logged.event() instanceof PrivateDataErased erased) {
            Map<String, Standing> next = new HashMap<>(standings);
            next.remove(erased.party());
            standings = Map.copyOf(next);
            unsealed = changed(unsealed, erased.party(), false); // consent withdrawn until the party unseals again
        } else if (logged.event() instanceof InterestsUnsealed unseal) {
            unsealed = changed(unsealed, unseal.party(), true);
        } else if (logged.event() instanceof AgendaAmended amended) {
            amend(amended);
        }
        entries.add(new Entry(logged, standings, hash, options));
    }

    /** A copy of {@code parties} with {@code party} in or out: snapshots share the old set, so it is never changed. */
    private static Set<String> changed(Set<String> parties, String party, boolean in) {
        Set<String> next = new HashSet<>(parties);
        if (in) {
            next.add(party);
        } else {
            next.remove(party);
        }
        return Set.copyOf(next);
    }

    /** Every party's latest interests still hold on the amended agenda (added issues and options worth 0). */
    private void amend(AgendaAmended amended) {
        options = new AgendaOptions(amended.agenda());
        Map<String, Standing> next = new HashMap<>();
        standings.forEach((party, standing) -> next.put(party,
                new Standing(standing.interests(), InterestsRules.compile(options, standing.interests()))));
        standings = Map.copyOf(next);
    }

    /** Forgets everything, e.g. after an erasure made part of what was read unreadable; append again from seq 1. */
    public synchronized void clear() {
        entries = new AppendOnlyList<>(); // snapshots taken before keep theirs, as they kept their copies before
        unsealed = Set.of();
        standings = Map.of();
        created = null;
        options = null;
        shapesCompared = new HashSet<>();
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(created, options, entries.prefix(), unsealed);
    }
}
