package negotiation.room;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import negotiation.events.PrivacyLevel;

/**
 * What the room keeps to round floors up to bands (docs/privacy.md): the room's level, each party's
 * own narrower choice, and per party one fixed partition of the floor scale into cells. A round sees
 * each floor as the top of the cell that holds it.
 *
 * <p>A partition is cut once, at the party's first round, from the round's seed and the party's
 * utilities on the frontier within limits, never from a floor; it is never cut again, not when the
 * floor changes and not when the agenda does. So every floor a party ever enters lands in a cell of
 * one partition, and whatever another party assumes about how the floor moved between rounds
 * (conceding, say), intersecting cells of one partition never leaves less than a cell. A party that
 * narrows its band gets its cells refined, each cut into smaller cells, at its next round: cells of
 * the refinement nest in the old ones, so the narrowest the others can get is the chosen width.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
final class FloorPrivacy {
    private int level = PrivacyLevel.DEFAULT.band();
    /** Each party's own choice of a narrower band, in force from its next round. */
    private Map<String, Integer> chosen = new HashMap<>();
    private Map<String, Partition> partitions = new HashMap<>();
    /** Each party's band in the last round: what rounds and improvements see its floor as. */
    private Map<String, FloorBands.Band> bands = new HashMap<>();

    /**
     * One party's cells, each at least {@code width} points wide; width 0 is the exact floor.
     */
    record Partition(int width, List<FloorBands.Band> cells) {
        static Partition cut(int width, long seed, int party, int[] breakpoints) {
            return width == 0 ? new Partition(0, List.of())
                    : new Partition(width, FloorBands.cut(FloorBands.Band.ALL, width, seed, party, breakpoints));
        }

        Partition refined(int narrower, long seed, int party, int[] breakpoints) {
            if (narrower == 0) {
                return new Partition(0, List.of());
            }
            List<FloorBands.Band> finer = new ArrayList<>();
            for (FloorBands.Band cell : cells) {
                finer.addAll(FloorBands.cut(cell, narrower, seed, party, breakpoints));
            }
            return new Partition(narrower, finer);
        }

        FloorBands.Band bandOf(int floor) {
            if (width == 0) {
                return new FloorBands.Band(floor, floor);
            }
            for (FloorBands.Band cell : cells) {
                if (cell.contains(floor)) return cell;
            }
            throw new IllegalStateException("the cells partition the floor scale");
        }
    }

    /** The partitions and bands a round computes with, before its event assigns them. */
    record Cut(Map<String, Partition> partitions, Map<String, FloorBands.Band> bands) {
    }

    void setLevel(int level) {
        this.level = level;
    }

    int level() {
        return level;
    }

    /** The band width a party's floor is shown at from its next round: its own choice, else the room's level. */
    int widthFor(String party) {
        return chosen.getOrDefault(party, level);
    }

    void choose(String party, int band) {
        chosen.put(party, band);
    }

    /**
     * The cut for a round: each party's partition (cut at its first round, refined when it chose a
     * narrower band since) and the band that holds its floor. Nothing here reads another party's data.
     *
     * @param breakpoints each party's utilities on the frontier within limits, ascending
     */
    Cut cut(List<String> parties, int[] floors, long seed, int[][] breakpoints) {
        Map<String, Partition> next = new HashMap<>();
        Map<String, FloorBands.Band> nextBands = new HashMap<>();
        for (int party = 0; party < parties.size(); party++) {
            String name = parties.get(party);
            int width = widthFor(name);
            Partition partition = partitions.get(name);
            if (partition == null) {
                partition = Partition.cut(width, seed, party, breakpoints[party]);
            } else if (partition.width() > width) {
                partition = partition.refined(width, seed, party, breakpoints[party]);
            }
            next.put(name, partition);
            nextBands.put(name, partition.bandOf(floors[party]));
        }
        return new Cut(next, nextBands);
    }

    /** The partitions and bands as they stand. */
    Cut current() {
        return new Cut(partitions, bands);
    }

    void apply(Cut cut) {
        partitions = new HashMap<>(cut.partitions());
        bands = new HashMap<>(cut.bands());
    }

    /** The band tops of the last round, party by party; a party without a band (erased) at its exact floor. */
    int[] tops(List<String> parties, int[] floors) {
        int[] tops = floors.clone();
        for (int party = 0; party < parties.size(); party++) {
            FloorBands.Band band = bands.get(parties.get(party));
            if (band != null) tops[party] = band.hi();
        }
        return tops;
    }

    /**
     * An erasure takes the party's partition and band with its data: both are cut from its
     * utilities. Its choice of a narrower band is public and stays.
     */
    void forget(String party) {
        partitions.remove(party);
        bands.remove(party);
    }

    /** Keeps only the parties whose data is still readable (a round that cannot be re-cut on replay). */
    void retain(java.util.Set<String> parties) {
        partitions.keySet().retainAll(parties);
        bands.keySet().retainAll(parties);
    }
}
