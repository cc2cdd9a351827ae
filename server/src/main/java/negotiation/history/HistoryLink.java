package negotiation.history;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import negotiation.events.NoteAdded;
import negotiation.events.RoomEvent;

/**
 * An event's link in the room's {@link HashChain} as it was written: the canonical text of its
 * public form ({@link HashChain#canonicalText}) and its hash. The aggregate stores both with each
 * event it appends (event metadata {@value #PUBLIC} and {@value #HASH}); a history read back
 * serves the stored hash after checking it ({@link #verified}), so renaming a class or changing
 * what {@link EventForm} computes never changes a hash already written. Documented in
 * docs/verifiable-history.md, "History stored as written".
 */
public record HistoryLink(String publicForm, String hash) {
    /** The event metadata key of the stored public form. */
    public static final String PUBLIC = "public";
    /** The event metadata key of the stored hash. */
    public static final String HASH = "hash";
    private static final Logger LOG = Logger.getLogger(HistoryLink.class.getName());
    /**
     * Rooms already logged as damaged or as read differently today, so each is logged once per
     * process; only such rooms are held, which a healthy store never has.
     */
    private static final Set<String> LOGGED = Collections.newSetFromMap(new ConcurrentHashMap<>());

    public HistoryLink {
        Objects.requireNonNull(publicForm, "publicForm");
        Objects.requireNonNull(hash, "hash");
    }

    /** The link today's code gives an event at {@code seq} after the hash {@code previous}. */
    public static HistoryLink of(String previous, long seq, RoomEvent event) {
        String publicForm = publicForm(seq, event);
        return new HistoryLink(publicForm, hashOf(previous, publicForm));
    }

    /** The link as event metadata. */
    public Map<String, String> metaData() {
        return Map.of(PUBLIC, publicForm, HASH, hash);
    }

    /**
     * The hash the chain serves for an event read from the store, after the hash {@code previous}.
     * An event stored with its link must carry a form for its own seq and time whose hash, after
     * {@code previous}, is the stored hash; it is then served as stored, even where today's code
     * would compute another form. With {@code compareWithToday}, today's form is computed too and
     * a difference is logged once per room, without data: the caller asks for that on a sample
     * ({@link #formShape}), since computing today's form for every stored event was a large part
     * of a cold read (docs/performance.md, "Cold replay"). An event stored before links were
     * stored gets the link today's code computes, as it always did.
     *
     * @throws DamagedHistory when the stored link is damaged: the room is not served
     */
    public static String verified(String previous, LoggedEvent logged, boolean compareWithToday) {
        RoomEvent event = logged.event();
        if (logged.publicForm() == null && logged.hash() == null) {
            return of(previous, logged.seq(), event).hash();
        }
        String damage = damage(previous, logged);
        if (damage != null) {
            if (LOGGED.add("damaged " + event.roomId())) {
                LOG.log(Level.SEVERE, "room {0}: stored history damaged at seq {1}: {2}; the room is not served",
                        new Object[] {event.roomId(), logged.seq(), damage});
            }
            throw new DamagedHistory("this room's stored history is damaged at seq " + logged.seq()
                    + " (" + damage + "); the server does not serve it until it is restored from a backup");
        }
        if (compareWithToday && !logged.publicForm().equals(todaysForm(logged))
                && LOGGED.add("differs " + event.roomId())) {
            LOG.log(Level.WARNING, "room {0}: seq {1} is stored with a public form this build computes differently;"
                    + " the stored form and hash are served (later events may differ too; logged once per room)",
                    new Object[] {event.roomId(), logged.seq()});
        }
        return logged.hash();
    }

    /**
     * What decides the shape of an event's public form: its kind, and for a note whether it is a
     * caucus note (another data type, {@code CaucusNoteData}). A build that presents events
     * differently changes the form of a whole shape, so comparing the first stored event of each
     * shape in a room with today's form finds it (see {@link #verified}).
     */
    public static String formShape(RoomEvent event) {
        return event instanceof NoteAdded note && note.to() != null ? event.kind() + "/caucus" : event.kind();
    }

    /**
     * Why a stored link does not belong at its place in the chain, or null when it does. The form
     * is canonical JSON (RFC 8785: members sorted, no whitespace), so its first member is
     * {@code at} and its last {@code seq}: both are checked exactly on the text, without parsing
     * it; the hash over the previous hash and the whole text is what proves the rest.
     */
    private static String damage(String previous, LoggedEvent logged) {
        String form = logged.publicForm();
        if (form == null || logged.hash() == null) {
            return "its public form or its hash is missing";
        }
        // An Instant's text has no character that JSON escapes, so this is its canonical string.
        if (!form.startsWith("{\"at\":\"" + logged.event().at() + "\",")
                || !form.endsWith(",\"seq\":" + logged.seq() + "}")) {
            return "its public form is not for this seq and time";
        }
        if (!hashOf(previous, form).equals(logged.hash())) {
            return "its hash does not match its public form and the hash before it";
        }
        return null;
    }

    /** Today's public form of a stored event, or null when today's code cannot present it at all. */
    private static String todaysForm(LoggedEvent logged) {
        try {
            return publicForm(logged.seq(), logged.event());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The canonical text of an event's public form, as today's code computes it. */
    private static String publicForm(long seq, RoomEvent event) {
        return HashChain.canonicalText(seq, event.at().toString(), kind(event), EventForm.publicData(event));
    }

    /** SHA-256 of the previous hash's 32 bytes and the public form's UTF-8 text, in lowercase hex. */
    static String hashOf(String previous, String publicForm) {
        var sha = HashChain.sha256();
        sha.update(HexFormat.of().parseHex(previous));
        sha.update(publicForm.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** An event's kind in the chain: its stable type name, as on the wire. */
    private static String kind(RoomEvent event) {
        return event.kind();
    }
}
