package negotiation.room;

import java.util.List;
import java.util.Map;

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

    private AgreementDocument() {
    }

    @SuppressWarnings("unchecked")
    public static String markdown(Map<String, Object> view, Map<String, Object> agreement) {
        StringBuilder md = new StringBuilder();
        md.append("# Agreement: ").append(text(view.get("title"))).append("\n\n");
        md.append("Room `").append(view.get("roomId")).append("`, reached at event ").append(agreement.get("seq"))
                .append(" (").append(agreement.get("at")).append("), ref `").append(agreement.get("ref")).append("`.\n\n");
        md.append("## Package\n\nOn agenda version ").append(agreement.getOrDefault("agendaVersion", 1)).append(".\n\n");
        md.append("| issue | agreed |\n|---|---|\n");
        Map<String, Object> agenda = agreedOn(view, agreement);
        Map<String, Object> pkg = (Map<String, Object>) agreement.get("package");
        for (Map<String, Object> issue : (List<Map<String, Object>>) agenda.get("issues")) {
            Object label = issue.get("label") == null ? issue.get("id") : issue.get("label");
            String unit = issue.get("unit") == null ? "" : " " + text(issue.get("unit"));
            md.append("| ").append(text(label)).append(" | ").append(text(pkg.get(issue.get("id")))).append(unit).append(" |\n");
        }
        md.append("\n## Terms\n\n");
        List<Map<String, Object>> terms = (List<Map<String, Object>>) agreement.get("terms");
        if (terms.isEmpty()) {
            md.append("No contingent terms.\n");
        }
        for (Map<String, Object> term : terms) {
            md.append("- If ").append(text(term.get("if"))).append(", then ").append(text(term.get("then"))).append(".\n");
        }
        md.append("\n## How it was found\n\n").append(ruleSentence((String) agreement.get("rule"))).append("\n\n");
        md.append(improvableSentence((Boolean) agreement.get("improvable"))).append("\n\n");
        md.append("## Your outcome\n\n").append(outcomeSentence(view, agreement)).append("\n");
        return md.toString();
    }

    /** The agenda the agreement was made on: the room's, without issues an amendment added since (amendments only add). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> agreedOn(Map<String, Object> view, Map<String, Object> agreement) {
        Map<String, Object> pkg = (Map<String, Object>) agreement.get("package");
        Map<String, Object> agenda = new java.util.LinkedHashMap<>((Map<String, Object>) view.get("agenda"));
        agenda.put("issues", ((List<Map<String, Object>>) agenda.get("issues")).stream()
                .filter(issue -> pkg.containsKey((String) issue.get("id"))).toList());
        return agenda;
    }

    private static String ruleSentence(String rule) {
        return switch (rule) {
            case "balanced" -> "The room's balanced point: the package with the largest product of every "
                    + "party's utility (the engine's rule 2), which cleared every floor and limit.";
            case "frontier" -> "Drawn at random from the acceptable Pareto frontier (the engine's rules 3-4): "
                    + "no acceptable package was better for every party.";
            case "improvement" -> "A post-settlement improvement (the engine's rule 6): every party strictly "
                    + "preferred it to the earlier agreement.";
            default -> "Agreed on the " + rule + ": every party accepted it.";
        };
    }

    private static String improvableSentence(Boolean improvable) {
        if (improvable == null) {
            return "The engine could not judge whether a better package exists: not every party had entered interests.";
        }
        return improvable
                ? "An acceptable package exists that every party strictly prefers; the engine proposed it."
                : "No acceptable package is better for every party.";
    }

    @SuppressWarnings("unchecked")
    private static String outcomeSentence(Map<String, Object> view, Map<String, Object> agreement) {
        if (agreement.containsKey("utility")) {
            Object utility = agreement.get("utility");
            return utility == null ? "You had not entered interests when this was agreed."
                    : "Your utility: " + percent((Integer) utility) + " (" + agreement.get("outcome") + ")."
                    + yardsticks("you", (Map<String, Object>) agreement.get("yardsticks"));
        }
        Map<String, Object> utilities = (Map<String, Object>) agreement.get("utilities");
        if (utilities.isEmpty()) {
            return "No party has unsealed its interests, so no outcome can be shown to a mediator.";
        }
        Map<String, Object> outcomes = (Map<String, Object>) agreement.get("outcomes");
        StringBuilder lines = new StringBuilder();
        Map<String, Object> yardsticks = (Map<String, Object>) agreement.getOrDefault("yardsticks", Map.of());
        utilities.forEach((party, u) -> lines.append("- ").append(text(party)).append(": ").append(percent((Integer) u))
                .append(" (").append(outcomes.get(party)).append(").")
                .append(yardsticks(text(party), (Map<String, Object>) yardsticks.get(party))).append("\n"));
        return lines.toString().stripTrailing();
    }

    /** The fairness story a party can check from its own interests: what chance and the middle would give. */
    private static String yardsticks(String whom, Map<String, Object> yardsticks) {
        if (yardsticks == null) {
            return "";
        }
        return " A package picked at random gives " + whom + " " + percent((Integer) yardsticks.get("random"))
                + " on average; the middle of every range and list gives " + whom + " "
                + percent((Integer) yardsticks.get("middle")) + ".";
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
