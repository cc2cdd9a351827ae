package negotiation.room;

import static negotiation.room.RoomRejection.badRequest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import negotiation.engine.AgendaFeasibility;
import negotiation.engine.EngineLimits;
import negotiation.events.Agenda;
import negotiation.events.Issue;
import negotiation.events.Range;

/** The rules an agenda must follow (the protocol's "Agenda", docs/asyncapi.yaml), each with a precise message. */
public final class AgendaRules {
    static final Pattern PARTY_NAME = Pattern.compile("[a-z0-9_-]{1,32}");
    static final Pattern ISSUE_ID = Pattern.compile("[a-z0-9_-]{1,40}");
    public static final String MEDIATOR = "mediator";
    static final int MAX_TITLE = 200;
    static final int MAX_LABEL = 200;

    private AgendaRules() {
    }

    public static void check(Agenda agenda) {
        if (agenda == null) {
            throw badRequest("agenda is required");
        }
        checkTitle(agenda.title());
        checkParties(agenda.parties());
        checkIssues(agenda.issues());
        AgendaFeasibility.refusal(new AgendaOptions(agenda).optionCounts(), agenda.parties().size(), EngineLimits.configured())
                .ifPresent(reason -> {
                    throw badRequest(reason);
                });
    }

    private static void checkTitle(String title) {
        if (title == null || title.isBlank()) {
            throw badRequest("title is required");
        }
        if (title.length() > MAX_TITLE) {
            throw badRequest("title must be at most " + MAX_TITLE + " characters, got " + title.length());
        }
    }

    private static void checkParties(List<String> parties) {
        if (parties == null || parties.size() < 2 || parties.size() > 8) {
            throw badRequest("parties must list 2 to 8 names, got " + (parties == null ? 0 : parties.size()));
        }
        Set<String> seen = new HashSet<>();
        for (String party : parties) {
            if (party == null || !PARTY_NAME.matcher(party).matches()) {
                throw badRequest("party name " + quote(party) + " must match [a-z0-9_-]{1,32}");
            }
            if (party.equals(MEDIATOR)) {
                throw badRequest("'mediator' is a role, not a party name");
            }
            if (!seen.add(party)) {
                throw badRequest("party '" + party + "' is listed twice");
            }
        }
    }

    private static void checkIssues(List<Issue> issues) {
        if (issues == null || issues.isEmpty() || issues.size() > 50) {
            throw badRequest("issues must list 1 to 50 issues, got " + (issues == null ? 0 : issues.size()));
        }
        Set<String> seen = new HashSet<>();
        for (Issue issue : issues) {
            if (issue == null) {
                throw badRequest("an issue must be an object");
            }
            if (issue.id() == null || !ISSUE_ID.matcher(issue.id()).matches()) {
                throw badRequest("issue id " + quote(issue.id()) + " must match [a-z0-9_-]{1,40}");
            }
            if (!seen.add(issue.id())) {
                throw badRequest("issue '" + issue.id() + "' is listed twice");
            }
            checkText("issues." + issue.id() + ".label", issue.label());
            checkText("issues." + issue.id() + ".unit", issue.unit());
            checkOptions(issue);
        }
    }

    private static void checkText(String field, String text) {
        if (text != null && text.length() > MAX_LABEL) {
            throw badRequest(field + " must be at most " + MAX_LABEL + " characters");
        }
    }

    private static void checkOptions(Issue issue) {
        String where = "issue '" + issue.id() + "'";
        if ((issue.options() == null) == (issue.range() == null)) {
            throw badRequest(where + " must have either options or a range");
        }
        if (issue.options() != null) {
            checkOptionList(where, issue.options());
        } else {
            checkRange(where, issue.range());
        }
    }

    private static void checkOptionList(String where, List<String> options) {
        if (options.size() < 2 || options.size() > 64) {
            throw badRequest(where + " must have 2 to 64 options, got " + options.size());
        }
        // Options that look the same (CleanText.lookalikeKey) are one option listed twice: a party could not
        // tell which one it accepts.
        Map<String, String> seen = new HashMap<>();
        for (String option : options) {
            if (option == null || option.isEmpty() || option.length() > 80) {
                throw badRequest(where + ": each option must be a string of 1 to 80 characters");
            }
            String earlier = seen.putIfAbsent(CleanText.lookalikeKey(option), option);
            if (earlier != null) {
                throw badRequest(where + ": option '" + option + "' is listed twice"
                        + (earlier.equals(option) ? "" : " (as '" + earlier + "', which looks the same)"));
            }
        }
    }

    private static void checkRange(String where, Range range) {
        if (range.min() == null || range.max() == null || range.step() == null) {
            throw badRequest(where + ": range needs integer min, max and step");
        }
        long min = range.min();
        long max = range.max();
        long step = range.step();
        if (step <= 0) {
            throw badRequest(where + ": range step must be > 0, got " + step);
        }
        if (max <= min) {
            throw badRequest(where + ": range max must be greater than min");
        }
        if ((max - min) % step != 0) {
            throw badRequest(where + ": range max - min must be divisible by step");
        }
        long values = (max - min) / step + 1;
        if (values > 1001) {
            throw badRequest(where + ": a range has at most 1001 values, got " + values);
        }
    }

    static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
