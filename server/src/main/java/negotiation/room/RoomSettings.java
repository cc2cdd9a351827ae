package negotiation.room;

import static negotiation.room.RoomRejection.badRequest;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import negotiation.events.Agenda;
import negotiation.events.PrivacyLevel;

/** What a room is created with besides its agenda: its privacy level and the parties' display names. */
final class RoomSettings {
    static final int MAX_NAME = 60;

    private RoomSettings() {
    }

    /** The level asked for, or the default; any band other than the levels is bad_request. */
    static PrivacyLevel level(PrivacyLevel asked) {
        if (asked == null) {
            return PrivacyLevel.DEFAULT;
        }
        if (!PrivacyLevel.LEVELS.contains(asked.band())) {
            throw badRequest("privacy.band must be one of " + PrivacyLevel.LEVELS + ", got " + asked.band());
        }
        return asked;
    }

    /**
     * Every party's display name, trimmed, each missing one filled in with the party's id. A name for
     * an unknown party, a name out of bounds and two parties with the same name (ignoring case, as
     * people read them) are bad_request.
     */
    static Map<String, String> names(Agenda agenda, Map<String, String> asked) {
        Map<String, String> given = asked == null ? Map.of() : asked;
        for (String party : given.keySet()) {
            if (!agenda.parties().contains(party)) {
                throw badRequest("names: no party '" + party + "' in this room");
            }
        }
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (String party : agenda.parties()) {
            String name = given.containsKey(party) ? checked(party, given.get(party)) : party;
            if (!seen.add(CleanText.lookalikeKey(name).toLowerCase(Locale.ROOT))) {
                throw badRequest("names: two parties are called '" + name + "'; each needs its own name");
            }
            names.put(party, name);
        }
        return names;
    }

    private static String checked(String party, String name) {
        String trimmed = name == null ? "" : CleanText.line("names." + party, name).strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < 1 || length > MAX_NAME) {
            throw badRequest("names." + party + " must be 1 to " + MAX_NAME + " characters, got " + length);
        }
        return trimmed;
    }
}
