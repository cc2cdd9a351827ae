package negotiation.room;

import static negotiation.room.RoomRejection.badRequest;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import negotiation.events.Agenda;
import negotiation.events.AgendaChange;
import negotiation.events.Issue;
import negotiation.events.Term;

/**
 * What a room accepts as text that people read (docs/protocol.md, "Text"): stored in Unicode NFC, so
 * one word has one spelling ("café" typed precomposed or as "e" and a combining accent); without
 * characters that cannot be seen or that change how the rest is shown (zero-width characters,
 * bidirectional overrides, other format characters, controls, unpaired surrogates), so two names
 * that look the same are the same text. A text that has one is bad_request, naming the character and
 * where it is; nothing is silently taken out, since what was signed must be what was written.
 */
final class CleanText {
    private CleanText() {
    }

    /** A one-line text (a title, a label, an option, a name) in NFC; null stays null. */
    static String line(String field, String text) {
        return clean(field, text, false);
    }

    /** A text that may run over lines (a note, a reason, a term): line breaks and tabs are allowed. */
    static String block(String field, String text) {
        return clean(field, text, true);
    }

    /**
     * The key under which two texts count as the same when they look the same: NFC (already), each run
     * of spaces (any kind) as one space, without the spaces at the ends.
     */
    static String lookalikeKey(String text) {
        return text.replaceAll("[\\p{Z}\\s]+", " ").strip();
    }

    /** The agenda with every text in NFC; bad_request naming the field when one holds a refused character. */
    static Agenda agenda(Agenda agenda) {
        if (agenda == null) {
            return null;
        }
        return new Agenda(line("title", agenda.title()), agenda.parties(), issues(agenda.issues(), "issues"));
    }

    /** An amendment's changes with every text in NFC. */
    static List<AgendaChange> changes(List<AgendaChange> changes) {
        if (changes == null) {
            return null;
        }
        List<AgendaChange> clean = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            AgendaChange change = changes.get(i);
            String where = "changes[" + i + "]";
            if (change == null) {
                clean.add(null);
                continue;
            }
            AgendaChange.AddOptions add = change.addOptions();
            clean.add(new AgendaChange(change.addIssue() == null ? null : issue(change.addIssue(), where + ".addIssue"),
                    add == null ? null : new AgendaChange.AddOptions(add.issue(),
                            options(add.options(), where + ".addOptions.options"))));
        }
        return clean;
    }

    /** A package's terms, each side in NFC. */
    static List<Term> terms(List<Term> terms) {
        if (terms == null) {
            return null;
        }
        List<Term> clean = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            Term term = terms.get(i);
            clean.add(term == null ? null : new Term(block("terms[" + i + "].if", term.condition()),
                    block("terms[" + i + "].then", term.then())));
        }
        return clean;
    }

    private static List<Issue> issues(List<Issue> issues, String where) {
        if (issues == null) {
            return null;
        }
        List<Issue> clean = new ArrayList<>();
        for (int i = 0; i < issues.size(); i++) {
            Issue issue = issues.get(i);
            clean.add(issue == null ? null : issue(issue, where + "[" + i + "]"));
        }
        return clean;
    }

    private static Issue issue(Issue issue, String where) {
        return new Issue(issue.id(), line(where + ".label", issue.label()), line(where + ".unit", issue.unit()),
                options(issue.options(), where + ".options"), issue.range());
    }

    private static List<String> options(List<String> options, String where) {
        if (options == null) {
            return null;
        }
        List<String> clean = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            clean.add(line(where + "[" + i + "]", options.get(i)));
        }
        return clean;
    }

    private static String clean(String field, String text, boolean lines) {
        if (text == null) {
            return null;
        }
        for (int at = 0, index = 0; at < text.length(); index++) {
            int c = text.codePointAt(at);
            if (refused(c, lines)) {
                throw badRequest(field + ": character " + (index + 1) + " is " + describe(c)
                        + ", an invisible or control character; text may not contain one"
                        + (lines ? " (line breaks and tabs are allowed)" : ""));
            }
            at += Character.charCount(c);
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    private static boolean refused(int c, boolean lines) {
        if (lines && (c == '\n' || c == '\r' || c == '\t')) {
            return false;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }

    /** "U+200B (ZERO WIDTH SPACE)": the code point and, where Unicode has one, its name. */
    private static String describe(int c) {
        String name = Character.getName(c);
        return String.format(Locale.ROOT, "U+%04X", c) + (name == null ? "" : " (" + name + ")");
    }
}
