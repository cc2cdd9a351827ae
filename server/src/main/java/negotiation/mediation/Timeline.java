package negotiation.mediation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import negotiation.wire.EventMessage;

/** A replayed session as text for a terminal: one entry per event, and the room's state at a seq. */
final class Timeline {
    private Timeline() {
    }

    /** The whole session, event by event, with the concession each move made. */
    @SuppressWarnings("unchecked")
    static String of(Replay replay) {
        Map<String, Object> analysis = replay.analysisAt(replay.lastSeq());
        Map<Long, Map<String, Object>> moves = new HashMap<>();
        for (Map<String, Object> move : (List<Map<String, Object>>) analysis.get("concessions")) {
            moves.put(((Number) move.get("seq")).longValue(), move);
        }
        StringBuilder out = new StringBuilder();
        out.append("Room ").append(replay.roomId()).append(", as ").append(viewer(replay.role())).append(" saw it: ")
                .append(replay.lastSeq()).append(" events, head ").append(replay.verification().head()).append("\n\n");
        for (EventMessage event : replay.events()) {
            out.append(String.format(Locale.ROOT, "#%-4d %s  ", event.seq(), event.at()));
            out.append(sentence(event)).append('\n');
            Map<String, Object> move = moves.get(event.seq());
            if (move != null) {
                out.append("       ").append(concession(move)).append('\n');
            }
        }
        out.append('\n').append(summary(analysis));
        return out.toString();
    }

    private static String viewer(String role) {
        return "mediator".equals(role) ? "a mediator" : "party " + role;
    }

    @SuppressWarnings("unchecked")
    private static String sentence(EventMessage event) {
        Map<String, Object> d = event.data();
        return switch (event.kind()) {
            case "RoomCreated" -> "room opened: \"" + d.get("title") + "\"; parties "
                    + String.join(", ", (List<String>) d.get("parties")) + "; issues " + issues(d);
            case "InterestsSubmitted" -> d.get("party") + " entered interests (version " + d.get("version") + ")"
                    + (Boolean.TRUE.equals(d.get("erased")) ? ", since erased" : "")
                    + (d.get("interests") instanceof Map<?, ?> i ? ": " + interests((Map<String, Object>) i) : "")
                    + (d.get("commitment") != null ? " [commitment " + d.get("commitment").toString().substring(0, 12) + "…]" : "");
            case "ProposalsComputed" -> proposals(d);
            case "OfferMade" -> d.get("party") + " offers " + d.get("ref") + ": " + pkg(d.get("package"))
                    + worth(d) + terms(d);
            case "TradeProposed" -> d.get("party") + " proposes trade " + d.get("ref") + " on " + d.get("on")
                    + ": gives " + pkg(d.get("give")) + ", gets " + pkg(d.get("get")) + " => " + pkg(d.get("package"))
                    + worth(d) + terms(d);
            case "Accepted" -> d.get("party") + " accepts " + d.get("ref");
            case "Rejected" -> d.get("party") + " rejects " + d.get("ref")
                    + (d.get("reason") == null ? "" : " (\"" + d.get("reason") + "\")");
            case "AgreementReached" -> "AGREEMENT on " + d.get("ref") + ": " + pkg(d.get("package")) + worth(d)
                    + terms(d) + (Boolean.TRUE.equals(d.get("improvable"))
                    ? "; an acceptable package exists that every party prefers" : "");
            case "NoteAdded" -> (d.containsKey("to") ? "caucus note by " + d.get("party") + " to " + d.get("to")
                    : "note by " + d.get("party")) + (d.containsKey("text") ? ": \"" + d.get("text") + "\"" : " (text not shown to you)");
            case "AmendmentProposed" -> d.get("party") + " proposes amendment " + d.get("ref") + " to agenda version "
                    + d.get("agendaVersion") + ": " + ExportFile.line(d.get("changes"))
                    + (d.get("reason") == null ? "" : " (\"" + d.get("reason") + "\")");
            case "AgendaAmended" -> "AGENDA AMENDED by " + d.get("ref") + ", now version " + d.get("version") + ": issues "
                    + issues((Map<String, Object>) d.get("agenda"));
            case "Withdrawn" -> d.get("party") + " withdraws " + d.get("ref");
            case "MediatorSuggested" -> "a mediator suggests " + d.get("ref") + ": " + pkg(d.get("package")) + worth(d)
                    + terms(d) + (d.get("text") == null ? "" : " (\"" + d.get("text") + "\")");
            case "InterestsUnsealed" -> d.get("party") + " unsealed its interests for mediators";
            case "PrivateDataErased" -> d.get("party") + "'s private data was erased";
            default -> event.kind() + " " + d;
        };
    }

    @SuppressWarnings("unchecked")
    private static String issues(Map<String, Object> agenda) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> issue : (List<Map<String, Object>>) agenda.get("issues")) {
            Object range = issue.get("range");
            String unit = issue.get("unit") == null ? "" : " " + issue.get("unit");
            out.add(issue.get("id") + (range instanceof Map<?, ?> r
                    ? " " + r.get("min") + ".." + r.get("max") + unit + " by " + r.get("step")
                    : " [" + String.join(" | ", (List<String>) issue.get("options")) + "]"));
        }
        return String.join("; ", out);
    }

    private static String interests(Map<String, Object> interests) {
        return "weights " + ExportFile.line(interests.get("weights")) + ", floor " + percent(interests.get("floor"))
                + (interests.get("aspiration") == null ? "" : ", aspiration " + percent(interests.get("aspiration")))
                + (interests.get("limits") == null ? "" : ", limits " + ExportFile.line(interests.get("limits")));
    }

    @SuppressWarnings("unchecked")
    private static String proposals(Map<String, Object> d) {
        StringBuilder out = new StringBuilder();
        if (d.get("improves") != null) {
            out.append("post-settlement improvement on ").append(d.get("improves"));
        } else {
            out.append("round ").append(d.get("round")).append(Boolean.TRUE.equals(d.get("zopa"))
                    ? ": proposals" : ": no zone of agreement (no package clears every floor and limit)");
        }
        for (Map<String, Object> p : (List<Map<String, Object>>) d.get("packages")) {
            out.append("\n       ").append(p.get("ref")).append(" [").append(p.get("rule")).append("] ")
                    .append(pkg(p.get("package"))).append(worth(p));
        }
        return out.toString();
    }

    static String pkg(Object pkg) {
        if (!(pkg instanceof Map<?, ?> map) || map.isEmpty()) {
            return "nothing";
        }
        return map.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** The utilities an event shows its viewer: the party's own, or each unsealed party's for a mediator. */
    @SuppressWarnings("unchecked")
    private static String worth(Map<String, Object> d) {
        if (d.containsKey("utility")) {
            return d.get("utility") == null ? "" : " | your utility " + percent(d.get("utility"))
                    + (d.get("outcome") == null ? "" : " (" + d.get("outcome") + ")");
        }
        if (d.get("utilities") instanceof Map<?, ?> u && !u.isEmpty()) {
            Map<String, Object> outcomes = d.get("outcomes") instanceof Map<?, ?> o ? (Map<String, Object>) o : Map.of();
            return " | " + u.entrySet().stream().map(e -> e.getKey() + " " + percent(e.getValue())
                    + (outcomes.get(e.getKey()) == null ? "" : " (" + outcomes.get(e.getKey()) + ")"))
                    .collect(Collectors.joining(", "));
        }
        return "";
    }

    @SuppressWarnings("unchecked")
    private static String terms(Map<String, Object> d) {
        List<Map<String, Object>> terms = (List<Map<String, Object>>) d.get("terms");
        if (terms == null || terms.isEmpty()) {
            return "";
        }
        return terms.stream().map(t -> "if " + t.get("if") + ", then " + t.get("then"))
                .collect(Collectors.joining("; ", "; terms: ", ""));
    }

    @SuppressWarnings("unchecked")
    private static String concession(Map<String, Object> move) {
        if (move.get("previous") == null) {
            return "concession: none yet (" + move.get("party") + "'s first position)";
        }
        List<String> changes = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) move.get("changes")) {
            Object worth = c.get("worth");
            String verdict = worth == null ? "" : ((Number) worth).intValue() < 0 ? " (gives " + percent(neg(worth)) + ")"
                    : ((Number) worth).intValue() > 0 ? " (gets " + percent(worth) + ")" : " (worth nothing to it)";
            changes.add(c.get("issue") + " " + c.get("from") + " -> " + c.get("to") + verdict);
        }
        String deltas = move.get("deltas") instanceof Map<?, ?> m && !m.isEmpty()
                ? "; change in utility: " + m.entrySet().stream()
                .map(e -> e.getKey() + " " + signed(((Number) e.getValue()).intValue()))
                .collect(Collectors.joining(", ")) : "";
        return "vs " + move.get("party") + "'s previous position " + move.get("previous") + ": "
                + (changes.isEmpty() ? "no change" : String.join(", ", changes)) + deltas;
    }

    private static int neg(Object worth) {
        return -((Number) worth).intValue();
    }

    @SuppressWarnings("unchecked")
    private static String summary(Map<String, Object> a) {
        StringBuilder out = new StringBuilder("Summary\n");
        Object millis = a.get("timeToAgreementMillis");
        out.append("  rounds of proposals: ").append(a.get("rounds")).append('\n');
        out.append("  time to agreement: ").append(millis == null ? "no agreement" : duration(((Number) millis).longValue()))
                .append('\n');
        ((Map<String, Map<String, Object>>) a.get("moves")).forEach((party, n) -> out.append("  ").append(party)
                .append(": ").append(n.get("offers")).append(" offers, ").append(n.get("trades")).append(" trades, ")
                .append(n.get("accepts")).append(" accepts, ").append(n.get("rejects")).append(" rejects\n"));
        Map<String, Object> gain = (Map<String, Object>) a.get("jointGain");
        if (gain != null) {
            Map<String, Object> agreed = (Map<String, Object>) gain.get("agreement");
            out.append("  agreement ").append(agreed.get("ref")).append(": ").append(utilities(agreed)).append('\n');
            for (Map<String, Object> first : (List<Map<String, Object>>) gain.get("firstOffers")) {
                out.append("  vs ").append(first.get("party")).append("'s first offer ").append(first.get("ref"))
                        .append(": ").append(utilities(first)).append(gainText(first)).append('\n');
            }
            Map<String, Object> split = (Map<String, Object>) gain.get("split");
            out.append("  vs splitting every range issue down the middle (").append(pkg(split.get("package")))
                    .append("): ").append(utilities(split)).append(gainText(split)).append('\n');
        }
        return out.toString();
    }

    private static String utilities(Map<String, Object> row) {
        String each = ((Map<?, ?>) row.get("utilities")).entrySet().stream()
                .map(e -> e.getKey() + " " + percent(e.getValue())).collect(Collectors.joining(", "));
        return each + (row.get("joint") == null ? "" : ", joint " + percent(row.get("joint")));
    }

    private static String gainText(Map<String, Object> row) {
        return row.get("gain") == null ? "" : "; the agreement's joint gain over it: "
                + signed(((Number) row.get("gain")).intValue());
    }

    private static String duration(long millis) {
        long seconds = millis / 1000;
        return seconds >= 3600 ? String.format(Locale.ROOT, "%dh %02dm %02ds", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : seconds >= 60 ? String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60)
                : String.format(Locale.ROOT, "%d.%03d s", seconds, millis % 1000);
    }

    static String percent(Object basisPoints) {
        if (!(basisPoints instanceof Number n)) {
            return "?";
        }
        int bp = n.intValue();
        return String.format(Locale.ROOT, "%s%d.%02d %%", bp < 0 ? "-" : "", Math.abs(bp) / 100, Math.abs(bp) % 100);
    }

    private static String signed(int basisPoints) {
        return (basisPoints > 0 ? "+" : "") + percent(basisPoints).replace(" %", " points");
    }

    /** The room view at a seq, for reading in a terminal. */
    @SuppressWarnings("unchecked")
    static String state(Map<String, Object> view) {
        StringBuilder out = new StringBuilder();
        out.append("\"").append(view.get("title")).append("\" after event ").append(view.get("seq"))
                .append(", as ").append(viewer((String) view.get("role"))).append(" saw it; head ")
                .append(view.get("head")).append('\n');
        out.append("parties: ").append(((List<Map<String, Object>>) view.get("parties")).stream()
                .map(p -> p.get("name") + " (interests v" + p.get("interestsVersion")
                        + (Boolean.TRUE.equals(p.get("unsealed")) ? ", unsealed" : "")
                        + (Boolean.TRUE.equals(p.get("erased")) ? ", erased" : "") + ")")
                .collect(Collectors.joining(", "))).append('\n');
        out.append("round ").append(view.get("round")).append(view.get("zopa") == null ? ""
                : Boolean.TRUE.equals(view.get("zopa")) ? ", a zone of agreement exists" : ", no zone of agreement")
                .append('\n');
        for (Map<String, Object> p : (List<Map<String, Object>>) view.get("proposals")) {
            out.append("  proposal ").append(p.get("ref")).append(" [").append(p.get("rule")).append("] ")
                    .append(pkg(p.get("package"))).append(worth(p)).append('\n');
        }
        Map<String, Map<String, Object>> answers = (Map<String, Map<String, Object>>) view.get("answers");
        for (Map<String, Object> o : (List<Map<String, Object>>) view.get("offers")) {
            Map<String, Object> said = answers.getOrDefault((String) o.get("ref"), Map.of());
            out.append("  ").append(o.get("kind")).append(' ').append(o.get("ref")).append(" by ").append(o.get("party"))
                    .append(": ").append(pkg(o.get("package"))).append(worth(o)).append(said.isEmpty() ? ""
                            : said.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ", " — ", ""))).append('\n');
        }
        Map<String, Object> agreement = (Map<String, Object>) view.get("agreement");
        out.append("agreement: ").append(agreement == null ? "none"
                : agreement.get("ref") + " (" + agreement.get("rule") + "): " + pkg(agreement.get("package"))
                + worth(agreement)).append('\n');
        for (Map<String, Object> note : (List<Map<String, Object>>) view.get("notes")) {
            out.append("note #").append(note.get("seq")).append(" by ").append(note.get("party"))
                    .append(note.containsKey("to") ? " to " + note.get("to") : "").append(": ")
                    .append(note.containsKey("text") ? note.get("text") : "(caucus, text not shown to you)").append('\n');
        }
        return out.toString();
    }
}
