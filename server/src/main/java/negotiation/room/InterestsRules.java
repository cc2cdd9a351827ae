package negotiation.room;

import static negotiation.room.RoomRejection.badRequest;

import java.util.List;
import java.util.Map;
import negotiation.engine.PartyProfile;
import negotiation.events.Interests;
import negotiation.events.Limit;

/**
 * Checks a party's interests against the agenda (the protocol's "Interests") and compiles them
 * into the engine's integer tables. Messages name the sender's own fields only.
 */
public final class InterestsRules {
    private InterestsRules() {
    }

    public static void check(AgendaOptions agenda, Interests interests) {
        if (interests == null) {
            throw badRequest("interests are required");
        }
        checkWeights(agenda, interests.weights());
        checkValues(agenda, interests);
        checkScore("floor", interests.floor(), true);
        checkScore("aspiration", interests.aspiration(), false);
        checkLimits(agenda, interests.limits());
    }

    private static void checkWeights(AgendaOptions agenda, Map<String, Integer> weights) {
        if (weights == null) {
            throw badRequest("weights are required");
        }
        int sum = 0;
        for (Map.Entry<String, Integer> weight : weights.entrySet()) {
            if (agenda.issueIndex(weight.getKey()) < 0) {
                throw badRequest("weights: unknown issue '" + weight.getKey() + "'");
            }
            if (weight.getValue() == null || weight.getValue() < 0 || weight.getValue() > 100) {
                throw badRequest("weights." + weight.getKey() + " must be an integer from 0 to 100");
            }
            sum += weight.getValue();
        }
        if (sum != 100) {
            throw badRequest("weights must sum to 100, got " + sum);
        }
    }

    private static void checkValues(AgendaOptions agenda, Interests interests) {
        Map<String, Object> values = interests.values() == null ? Map.of() : interests.values();
        for (String id : values.keySet()) {
            if (agenda.issueIndex(id) < 0) {
                throw badRequest("values: unknown issue '" + id + "'");
            }
        }
        for (int i = 0; i < agenda.issueCount(); i++) {
            String id = agenda.issue(i).id();
            Object value = values.get(id);
            if (value == null) {
                if (interests.weights().getOrDefault(id, 0) > 0) {
                    throw badRequest("values." + id + " is required: its weight is above 0");
                }
                continue;
            }
            checkIssueValues(agenda, i, value);
        }
    }

    private static void checkIssueValues(AgendaOptions agenda, int issue, Object value) {
        String field = "values." + agenda.issue(issue).id();
        if (value instanceof String shorthand) {
            if (!shorthand.equals("low") && !shorthand.equals("high")) {
                throw badRequest(field + " must be an object of option values, \"low\" or \"high\"");
            }
            if (!agenda.isRange(issue)) {
                throw badRequest(field + ": \"" + shorthand + "\" applies only to range issues");
            }
            return;
        }
        if (!(value instanceof Map<?, ?> perOption)) {
            throw badRequest(field + " must be an object of option values, \"low\" or \"high\"");
        }
        List<String> keys = agenda.keys(issue);
        for (Object key : perOption.keySet()) {
            if (!keys.contains(key)) {
                throw badRequest(field + ": unknown option '" + key + "'");
            }
        }
        for (String key : keys) {
            Object v = perOption.get(key);
            if (v == null) {
                throw badRequest(field + ": missing a value for option '" + key + "'");
            }
            if (!(v instanceof Integer n) || n < 0 || n > 100) {
                throw badRequest(field + "." + key + " must be an integer from 0 to 100");
            }
        }
    }

    private static void checkScore(String field, Integer score, boolean required) {
        if (score == null) {
            if (required) {
                throw badRequest(field + " is required");
            }
            return;
        }
        if (score < 0 || score > 10000) {
            throw badRequest(field + " must be an integer from 0 to 10000, got " + score);
        }
    }

    private static void checkLimits(AgendaOptions agenda, Map<String, Limit> limits) {
        if (limits == null) {
            return;
        }
        for (Map.Entry<String, Limit> entry : limits.entrySet()) {
            String field = "limits." + entry.getKey();
            int issue = agenda.issueIndex(entry.getKey());
            Limit limit = entry.getValue();
            if (issue < 0) {
                throw badRequest("limits: unknown issue '" + entry.getKey() + "'");
            }
            if (limit == null) {
                throw badRequest(field + " must be an object");
            }
            if (agenda.isRange(issue)) {
                if (limit.exclude() != null) {
                    throw badRequest(field + ": a range issue takes min / max, not exclude");
                }
                if (limit.min() != null && limit.max() != null && limit.min() > limit.max()) {
                    throw badRequest(field + ": min must not be above max");
                }
            } else {
                if (limit.min() != null || limit.max() != null) {
                    throw badRequest(field + ": an options issue takes exclude, not min / max");
                }
                for (String excluded : limit.exclude() == null ? List.<String>of() : limit.exclude()) {
                    if (!agenda.keys(issue).contains(excluded)) {
                        throw badRequest(field + ".exclude: unknown option '" + excluded + "'");
                    }
                }
            }
        }
    }

    /** Compiles checked interests into points[issue][option] = weight * value and the allowed options. */
    public static PartyProfile compile(AgendaOptions agenda, Interests interests) {
        int issues = agenda.issueCount();
        int[][] points = new int[issues][];
        boolean[][] allowed = new boolean[issues][];
        for (int i = 0; i < issues; i++) {
            String id = agenda.issue(i).id();
            int weight = interests.weights().getOrDefault(id, 0);
            Object values = interests.values() == null ? null : interests.values().get(id);
            Limit limit = interests.limits() == null ? null : interests.limits().get(id);
            List<String> keys = agenda.keys(i);
            points[i] = new int[keys.size()];
            allowed[i] = new boolean[keys.size()];
            for (int o = 0; o < keys.size(); o++) {
                points[i][o] = weight * value(agenda, i, o, values);
                allowed[i][o] = allows(limit, keys.get(o), agenda.isRange(i));
            }
        }
        return new PartyProfile(points, allowed, interests.floor());
    }

    static int value(AgendaOptions agenda, int issue, int option, Object values) {
        if (values == null) {
            return 0;
        }
        if (values instanceof String shorthand) {
            var range = agenda.issue(issue).range();
            int x = Integer.parseInt(agenda.keys(issue).get(option));
            long span = (long) range.max() - range.min();
            long distance = shorthand.equals("low") ? (long) range.max() - x : (long) x - range.min();
            return roundHalfUp(100 * distance, span);
        }
        // An option added by an amendment after these interests were entered is worth 0 to them.
        Object value = ((Map<?, ?>) values).get(agenda.keys(issue).get(option));
        return value == null ? 0 : ((Number) value).intValue();
    }

    /** round_half_up(numerator / denominator) for non-negative integers, exactly. */
    static int roundHalfUp(long numerator, long denominator) {
        return (int) ((2 * numerator + denominator) / (2 * denominator));
    }

    private static boolean allows(Limit limit, String key, boolean range) {
        if (limit == null) {
            return true;
        }
        if (range) {
            int x = Integer.parseInt(key);
            return (limit.min() == null || x >= limit.min()) && (limit.max() == null || x <= limit.max());
        }
        return limit.exclude() == null || !limit.exclude().contains(key);
    }
}
