package negotiation.room;

import static negotiation.room.RoomRejection.badRequest;

import java.util.ArrayList;
import java.util.List;
import negotiation.events.Term;

/** The room's rules for free text: notes, reasons, and the contingent terms that travel with a package. */
final class Texts {
    static final int MAX_TERMS = 10;
    static final int MAX_TERM_TEXT = 500;
    static final int MAX_TEXT = 4000;

    private Texts() {
    }

    /** A package's terms: the {@code inherited} ones (a trade's base) and the new, at most {@link #MAX_TERMS} in all. */
    static List<Term> terms(List<Term> asked, List<Term> inherited) {
        List<Term> terms = CleanText.terms(asked);
        List<Term> all = new ArrayList<>(inherited);
        all.addAll(terms == null ? List.of() : terms);
        if (all.size() > MAX_TERMS) {
            throw badRequest("at most " + MAX_TERMS + " terms in all, got " + all.size());
        }
        for (Term term : terms == null ? List.<Term>of() : terms) {
            if (term == null || !fits(term.condition()) || !fits(term.then())) {
                throw badRequest("each term needs \"if\" and \"then\", strings of 1 to " + MAX_TERM_TEXT + " characters");
            }
        }
        return List.copyOf(all);
    }

    private static boolean fits(String text) {
        return text != null && !text.isBlank() && text.length() <= MAX_TERM_TEXT;
    }

    /** The text as the room keeps it ({@link CleanText}, NFC), checked for presence and length. */
    static String checked(String field, String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                throw badRequest(field + " is required");
            }
            return text;
        }
        String clean = CleanText.block(field, text);
        if (clean.length() > MAX_TEXT) {
            throw badRequest(field + " must be at most " + MAX_TEXT + " characters, got " + clean.length());
        }
        return clean;
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
