package negotiation.mediation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import negotiation.events.AgendaChange;
import negotiation.events.Interests;
import negotiation.events.Issue;
import negotiation.events.Limit;
import negotiation.events.Range;
import negotiation.events.Term;

/** The plain words a terminal timeline is written in: times, counts, interests and amendments as prose. */
final class TimelineWords {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TimelineWords() {
    }

    /** "6 Dec 2026 09:02:55 UTC". */
    static String day(String iso) {
        return DAY.format(Instant.parse(iso));
    }

    /** "09:02:55" (UTC, as the header says). */
    static String clock(String iso) {
        return CLOCK.format(Instant.parse(iso));
    }

    /** "1 offer", "2 offers". */
    static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** "65 ms", "4.2 s", "3 min 05 s", "2 h 03 min 05 s". */
    static String duration(long millis) {
        long seconds = millis / 1000;
        if (millis < 1000) {
            return millis + " ms";
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d h %02d min %02d s", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }

    /** "price 45, support 25 (of 100); walk-away point 60.00 %, aspiration 80.00 %; price never above 5000". */
    static String interests(Interests interests) {
        String weights = interests.weights().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        StringBuilder out = new StringBuilder("weights ").append(weights).append(" (out of 100)")
                .append("; walk-away point ").append(Timeline.percent(interests.floor()));
        if (interests.aspiration() != null) {
            out.append(", aspiration ").append(Timeline.percent(interests.aspiration()));
        }
        if (interests.limits() != null) {
            interests.limits().forEach((issue, limit) -> out.append("; ").append(issue).append(' ').append(limit(limit)));
        }
        return out.toString();
    }

    private static String limit(Limit limit) {
        List<String> parts = new ArrayList<>();
        if (limit.min() != null) {
            parts.add("never below " + limit.min());
        }
        if (limit.max() != null) {
            parts.add("never above " + limit.max());
        }
        if (limit.exclude() != null && !limit.exclude().isEmpty()) {
            parts.add("never " + String.join(" or ", limit.exclude()));
        }
        return String.join(", ", parts);
    }

    /** "add the issue go-live (1 March | 1 April); add the option "weekly" to payment". */
    static String amendment(List<AgendaChange> changes) {
        return changes.stream().map(c -> c.addIssue() != null
                ? "add the issue " + issues(List.of(c.addIssue()))
                : "add " + (c.addOptions().options().size() == 1 ? "the option " : "the options ")
                + c.addOptions().options().stream().map(o -> "\"" + o + "\"").collect(Collectors.joining(", "))
                + " to " + c.addOptions().issue()).collect(Collectors.joining("; "));
    }

    static String issues(List<Issue> issues) {
        List<String> out = new ArrayList<>();
        for (Issue issue : issues) {
            String unit = issue.unit() == null ? "" : " " + issue.unit();
            Range r = issue.range();
            out.add(issue.id() + (r != null ? " " + r.min() + ".." + r.max() + unit + " in steps of " + r.step()
                    : " (" + String.join(" | ", issue.options()) + ")"));
        }
        return String.join("; ", out);
    }

    static String terms(List<Term> terms) {
        if (terms == null || terms.isEmpty()) {
            return "";
        }
        return terms.stream().map(t -> "if " + t.condition() + ", then " + t.then())
                .collect(Collectors.joining("; ", "; terms: ", ""));
    }

    /** A party's display name from the room's names ("the mediator" for a mediator). */
    static String name(Map<String, String> names, String id) {
        return "mediator".equals(id) ? "the mediator" : names.getOrDefault(id, id);
    }
}
