package negotiation.rendering;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Map;
import negotiation.Json;
import negotiation.events.Issue;
import negotiation.events.Term;
import negotiation.wire.eventdata.Yardsticks;
import negotiation.wire.view.AgreementView;
import negotiation.wire.view.RoomViewData;

/**
 * The agreement of a room view as Markdown: package, terms, the rule that found it, and
 * outcomes. Every string a user chose (title, labels, units, options, terms, party names)
 * goes through {@link #text}, so it reads as the same text and never as Markdown or HTML.
 */
public final class AgreementDocument {
    /**
     * The characters that open or close a CommonMark or GFM construct inside a line: emphasis
     * and strikethrough, code spans, links and images, autolinks and raw HTML, entities,
     * table cells, and the backslash itself. User text never starts a line here (every line
     * starts with this document's own words), so line-start markers such as "-" or "1." need
     * no escape.
     */
    private static final String SPECIAL = "\\`*_[](){}<>!&|~#";

    /** A mediator's yardsticks: per unsealed party. */
    private static final TypeReference<Map<String, Yardsticks>> BY_PARTY = new TypeReference<>() {
    };

    private AgreementDocument() {
    }

    public static String markdown(RoomViewData view, AgreementView agreement) {
        StringBuilder md = new StringBuilder();
        md.append("# Agreement: ").append(text(view.title())).append("\n\n");
        md.append("Room `").append(view.roomId()).append("`, reached at event ").append(agreement.seq())
                .append(" (").append(when(agreement.at())).append("), ref `").append(agreement.ref()).append("`.\n\n");
        md.append("## Package\n\nOn agenda version ").append(agreement.agendaVersion()).append(".\n\n");
        md.append("| issue | agreed |\n|---|---|\n");
        // The agenda the agreement was made on: the room's, without issues an amendment added since (amendments only add).
        for (Issue issue : view.agenda().issues()) {
            if (!agreement.pkg().has(issue.id())) {
                continue;
            }
            String label = issue.label() == null ? issue.id() : issue.label();
            String unit = issue.unit() == null ? "" : " " + text(issue.unit());
            md.append("| ").append(text(label)).append(" | ").append(text(agreement.pkg().get(issue.id()))).append(unit)
                    .append(" |\n");
        }
        md.append("\n## Terms\n\n");
        if (agreement.terms().isEmpty()) {
            md.append("No contingent terms.\n");
        }
        for (Term term : agreement.terms()) {
            md.append("- If ").append(text(term.condition())).append(", then ").append(text(term.then())).append(".\n");
        }
        md.append("\n## How it was found\n\n").append(ruleSentence(view, agreement)).append(replaced(view, agreement))
                .append("\n\n");
        md.append(improvableSentence(agreement.improvable())).append("\n\n");
        md.append("## Privacy\n\n").append(privacySentence(view)).append("\n\n");
        md.append(agreement.utility() != null ? "## Your outcome\n\n" : "## Outcomes of the parties who unsealed\n\n")
                .append(outcomeSentence(view, agreement)).append("\n");
        return md.toString();
    }

    /**
     * For an accepted improvement, the agreement it replaced: an improvement improves the package
     * and keeps that agreement's contingent terms (docs/protocol.md).
     */
    private static String replaced(RoomViewData view, AgreementView agreement) {
        return view.improvements().stream().filter(i -> i.ref().equals(agreement.ref())).findFirst()
                .map(i -> " It replaced the agreement on `" + i.improves() + "` and keeps its contingent terms.")
                .orElse("");
    }

    /**
     * The room's privacy level and each party's own narrower choice, in the app's words and unit
     * (points of 100, where the wire counts hundredths of a point).
     */
    private static String privacySentence(RoomViewData view) {
        int band = view.privacy().band();
        StringBuilder out = new StringBuilder(band == 0
                ? "The room's privacy level was Exact: it used every walk-away point as entered (the parties trusted each other)."
                : "The room's privacy level was " + levelName(band) + ": before each round every walk-away point was "
                        + "rounded up to a band " + points(band) + " points of 100 wide, so no party could tell another's "
                        + "walk-away point more closely than that.");
        if (view.narrowed() != null) {
            view.narrowed().forEach((party, narrowed) -> out.append(" ").append(name(view, party))
                    .append(" chose to be shown to within ").append(points(narrowed)).append(" points."));
        }
        return out.toString();
    }

    /** The names the app gives the levels a room can be created with. */
    private static String levelName(int band) {
        return switch (band) {
            case 3000 -> "Strong";
            case 2000 -> "Standard";
            case 1000 -> "Light";
            default -> points(band) + "-point bands";
        };
    }

    private static String points(int hundredths) {
        return hundredths % 100 == 0 ? String.valueOf(hundredths / 100)
                : String.format(java.util.Locale.ROOT, "%.2f", hundredths / 100.0);
    }

    /** A party's display name, as the rest of the room shows it. */
    private static String name(RoomViewData view, String party) {
        return text(view.names() == null ? party : view.names().getOrDefault(party, party));
    }

    /** An event's time as the session report prints it: "2026-12-06 12:05:50 UTC". */
    private static String when(String at) {
        try {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", java.util.Locale.ROOT)
                    .format(java.time.Instant.parse(at).atZone(java.time.ZoneOffset.UTC));
        } catch (RuntimeException e) {
            return text(at);
        }
    }

    private static String ruleSentence(RoomViewData view, AgreementView agreement) {
        String rule = agreement.rule();
        return switch (rule) {
            // the app's words for the same rules (web-client/js/format.js), with the engine's rule beside them
            case "balanced" -> "The balanced point: of all packages, this one gives every party a good score at once "
                    + "(the room multiplies the scores and takes the largest result; the engine's rule 2), and no package "
                    + "is better for everyone. It clears every walk-away point and limit.";
            case "frontier" -> "Acceptable to every party (it clears every walk-away point and limit), and no acceptable "
                    + "package is better for every party (the engine's rules 3-4).";
            case "improvement" -> "The room's improvement on the earlier agreement: every party prefers this package "
                    + "to it, judged on the interests of the last round (the engine's rule 6).";
            default -> view.offers().stream().filter(o -> o.ref().equals(agreement.ref())).findFirst()
                    .map(o -> "Agreed on " + name(view, o.party()) + ("trade".equals(o.kind())
                            ? "'s trade on `" + o.on() + "`" : "'s offer") + ": every party accepted it.")
                    .orElse("Agreed on the " + rule + ": every party accepted it.");
        };
    }

    private static String improvableSentence(Boolean improvable) {
        if (improvable == null) {
            return "The engine could not judge whether a better package exists: not every party had entered interests.";
        }
        return improvable
                ? "A package every party can accept and prefers to this one exists: the room proposed it."
                : "No acceptable package is better for every party.";
    }

    private static String outcomeSentence(RoomViewData view, AgreementView agreement) {
        if (agreement.utility() != null) {
            return agreement.utility().map(utility -> "Your score: " + percent(utility) + " ("
                    + outcomeWords(agreement.outcome().orElse(null), "your") + ")."
                    + yardsticks("you", Json.MAPPER.convertValue(agreement.yardsticks(), Yardsticks.class)))
                    .orElse("You had not entered interests when this was agreed.");
        }
        if (agreement.utilities().isEmpty()) {
            return "No party has unsealed its interests, so no outcome can be shown to a mediator.";
        }
        Map<String, Yardsticks> yardsticks = agreement.yardsticks() == null ? Map.of()
                : Json.MAPPER.convertValue(agreement.yardsticks(), BY_PARTY);
        StringBuilder lines = new StringBuilder();
        agreement.utilities().forEach((party, u) -> lines.append("- ").append(name(view, party)).append(": ")
                .append(percent(u)).append(" (").append(outcomeWords(agreement.outcomes().get(party), "its")).append(").")
                .append(yardsticks(name(view, party), yardsticks.get(party))).append("\n"));
        return lines.toString().stripTrailing();
    }

    /** An outcome in the app's words: where the score stands against the walk-away point and the aspiration. */
    private static String outcomeWords(String outcome, String whose) {
        return switch (String.valueOf(outcome)) {
            case "win" -> "a win: at or above " + whose + " aspiration";
            case "not-lose" -> "acceptable: at or above " + whose + " walk-away point, below " + whose + " aspiration";
            case "lose" -> "a loss: below " + whose + " walk-away point";
            default -> String.valueOf(outcome);
        };
    }

    /** The fairness story a party can check from its own interests: what chance and the middle would give. */
    private static String yardsticks(String whom, Yardsticks yardsticks) {
        if (yardsticks == null) {
            return "";
        }
        return " A package picked at random gives " + whom + " " + percent(yardsticks.random())
                + " on average; the middle package (every issue at its middle option) gives " + whom + " "
                + percent(yardsticks.middle()) + ".";
    }

    private static String percent(int basisPoints) {
        return String.format(java.util.Locale.ROOT, "%d.%02d %%", basisPoints / 100, basisPoints % 100);
    }

    /**
     * A user's string as literal Markdown text: each special character backslash-escaped
     * (CommonMark allows it before any ASCII punctuation), each line break folded to a space
     * so the text stays on its line (no heading, list or table row of its own).
     */
    static String text(Object value) {
        String raw = String.valueOf(value).replaceAll("\r\n?|\n", " ");
        StringBuilder out = new StringBuilder(raw.length() + 8);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
