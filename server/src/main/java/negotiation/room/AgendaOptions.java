package negotiation.room;

import static negotiation.room.RoomRejection.badRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import negotiation.events.Agenda;
import negotiation.events.Issue;
import negotiation.events.Package;

/**
 * The options of an agenda by index, and the translation between packages on the wire
 * ({"price": 5000, "support": "1 year"}) and the engine's option indices.
 */
public final class AgendaOptions {
    private final List<Issue> issues;
    private final Map<String, Integer> issueIndex = new HashMap<>();
    private final List<List<String>> keys = new ArrayList<>();

    public AgendaOptions(Agenda agenda) {
        this.issues = agenda.issues();
        for (Issue issue : issues) {
            issueIndex.put(issue.id(), keys.size());
            keys.add(optionKeys(issue));
        }
    }

    /** The options of an issue as strings: the option names, or the decimal numbers of a range. */
    static List<String> optionKeys(Issue issue) {
        if (issue.options() != null) {
            return issue.options();
        }
        // Counted in long: a range ending near Integer.MAX_VALUE must not overflow into an endless loop.
        long min = issue.range().min();
        long step = issue.range().step();
        long count = (issue.range().max() - min) / step + 1;
        List<String> values = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            values.add(Long.toString(min + i * step));
        }
        return values;
    }

    public int issueCount() {
        return issues.size();
    }

    public Issue issue(int i) {
        return issues.get(i);
    }

    public List<String> keys(int issue) {
        return keys.get(issue);
    }

    public int[] optionCounts() {
        return keys.stream().mapToInt(List::size).toArray();
    }

    /** The issue's index, or -1 when the agenda has no such issue. */
    public int issueIndex(String id) {
        return issueIndex.getOrDefault(id, -1);
    }

    public boolean isRange(int issue) {
        return issues.get(issue).range() != null;
    }

    /** The option as it travels in a package: a JSON number for range issues, a string otherwise. */
    public Object wireValue(int issue, int option) {
        String key = keys.get(issue).get(option);
        return isRange(issue) ? (Object) Integer.valueOf(key) : key;
    }

    /** The index of a wire value among an issue's options, or -1. Range values may be numbers or decimal strings. */
    public int optionIndex(int issue, Object value) {
        String key = value instanceof Number n && isRange(issue) && n.doubleValue() == n.longValue()
                ? Long.toString(n.longValue())
                : value instanceof String s ? s : null;
        return key == null ? -1 : keys.get(issue).indexOf(key);
    }

    public Package toPackage(int[] options) {
        Package.Builder pkg = new Package.Builder();
        for (int i = 0; i < options.length; i++) {
            pkg.put(issues.get(i).id(), wireValue(i, options[i]));
        }
        return pkg.build();
    }

    /** The option indices of a stored (already validated) package. */
    public int[] indices(Package pkg) {
        int[] options = new int[issues.size()];
        for (int i = 0; i < options.length; i++) {
            options[i] = optionIndex(i, pkg.get(issues.get(i).id()));
        }
        return options;
    }

    /**
     * Checks a package or partial package from a client and returns it in agenda order with
     * canonical values. A complete package must name every issue.
     */
    public Package checkPackage(String field, Package pkg, boolean complete) {
        if (pkg == null) {
            throw badRequest(field + " is required");
        }
        Package.Builder canonical = new Package.Builder();
        for (String id : pkg.issues()) {
            if (issueIndex(id) < 0) {
                throw badRequest(field + ": unknown issue '" + id + "'");
            }
        }
        for (int i = 0; i < issues.size(); i++) {
            String id = issues.get(i).id();
            if (!pkg.has(id)) {
                if (complete) {
                    throw badRequest(field + ": missing issue '" + id + "'");
                }
                continue;
            }
            int option = optionIndex(i, pkg.get(id));
            if (option < 0) {
                throw badRequest(field + "." + id + ": unknown option " + describe(pkg.get(id)));
            }
            canonical.put(id, wireValue(i, option));
        }
        return canonical.build();
    }

    private static String describe(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }
}
