package negotiation.mediation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import negotiation.Json;
import negotiation.engine.PartyProfile;
import negotiation.events.Agenda;
import negotiation.events.Interests;
import negotiation.room.AgendaOptions;
import negotiation.room.HashChain;
import negotiation.room.InterestsRules;
import negotiation.wire.EventMessage;

/**
 * A session's figures for a mediator's review, computed only from the events one viewer was
 * given ({@code Visibility}'s output, live or read back from an export): so a party's
 * analysis holds its own utilities, a mediator's those of the parties who unsealed.
 *
 * <p>Utilities are evaluated under the interests in force at the event in question, as the
 * room shows them. The "split" baseline puts every range issue at the middle option of its
 * agenda range (the lower of the two middle options when their count is even) and keeps the
 * agreed option on every other issue, so it differs from the agreement only where a split is
 * possible at all.
 */
public final class SessionAnalysis {
    private final String role;
    private final List<String> parties = new ArrayList<>();
    private AgendaOptions options;
    private Instant start;
    private long seq;
    private String head = HashChain.GENESIS;
    private int rounds;
    private Long timeToAgreement;
    private Map<String, Object> agreement;
    private Map<String, PartyProfile> profiles = Map.of();
    /** The interests behind {@link #profiles}, to compile them again when the agenda is amended. */
    private final Map<String, Interests> interests = new HashMap<>();
    private Map<String, PartyProfile> profilesAtAgreement = Map.of();
    private final Map<String, Map<String, Integer>> moves = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> positions = new HashMap<>();
    private final Map<String, Map<String, Object>> firstMoves = new LinkedHashMap<>();
    private final List<Map<String, Object>> concessions = new ArrayList<>();
    private final Map<String, List<Map<String, Object>>> paths = new TreeMap<>();

    private SessionAnalysis(String role) {
        this.role = role;
    }

    /** The analysis of the events one viewer ({@code role}) was given, in seq order. */
    public static Map<String, Object> of(String roomId, String role, Iterable<EventMessage> events) {
        SessionAnalysis analysis = new SessionAnalysis(role);
        for (EventMessage event : events) {
            analysis.apply(event);
        }
        return analysis.result(roomId);
    }

    @SuppressWarnings("unchecked")
    private void apply(EventMessage event) {
        Map<String, Object> data = event.data();
        seq = event.seq();
        head = event.hash();
        Instant at = Instant.parse(event.at());
        switch (event.kind()) {
            case "RoomCreated" -> {
                start = at;
                Agenda agenda = Json.MAPPER.convertValue(data, Agenda.class);
                options = new AgendaOptions(agenda);
                parties.addAll(agenda.parties());
                for (String party : parties) {
                    moves.put(party, counts());
                }
            }
            case "InterestsSubmitted" -> {
                Map<String, PartyProfile> next = new HashMap<>(profiles);
                if (data.get("interests") instanceof Map<?, ?> entered) {
                    Interests parsed = Json.MAPPER.convertValue(entered, Interests.class);
                    interests.put((String) data.get("party"), parsed);
                    next.put((String) data.get("party"), InterestsRules.compile(options, parsed));
                } else {
                    interests.remove((String) data.get("party"));
                    next.remove((String) data.get("party"));
                }
                profiles = Map.copyOf(next);
            }
            case "PrivateDataErased" -> {
                Map<String, PartyProfile> next = new HashMap<>(profiles);
                next.remove((String) data.get("party"));
                profiles = Map.copyOf(next);
            }
            case "ProposalsComputed" -> {
                if (!data.containsKey("improves")) {
                    rounds = Math.max(rounds, ((Number) data.get("round")).intValue());
                }
            }
            case "OfferMade", "TradeProposed" -> move(event, data, at);
            case "Accepted" -> count((String) data.get("party"), "accepts");
            case "Rejected" -> count((String) data.get("party"), "rejects");
            case "AgreementReached" -> {
                if (timeToAgreement == null) {
                    timeToAgreement = Duration.between(start, at).toMillis();
                }
                Map<String, Object> pkg = (Map<String, Object>) data.get("package");
                agreement = new LinkedHashMap<>();
                agreement.put("seq", event.seq());
                agreement.put("at", event.at());
                agreement.put("ref", data.get("ref"));
                agreement.put("package", pkg);
                agreement.put("millisFromStart", Duration.between(start, at).toMillis());
                agreement.put("utilities", utilities(profiles, pkg));
                profilesAtAgreement = profiles;
                path(event.seq(), (String) data.get("ref"), "agreement", null, pkg);
            }
            case "AgendaAmended" -> {
                // Interests carry over to the amended agenda (added issues and options worth 0).
                options = new AgendaOptions(Json.MAPPER.convertValue(data.get("agenda"), Agenda.class));
                Map<String, PartyProfile> next = new HashMap<>();
                profiles.keySet().forEach(party -> next.put(party, InterestsRules.compile(options, interests.get(party))));
                profiles = Map.copyOf(next);
            }
            default -> {
                // notes, unseals, amendment proposals, withdrawals and suggestions change no figure
            }
        }
    }

    private static Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String kind : List.of("offers", "trades", "accepts", "rejects")) {
            counts.put(kind, 0);
        }
        return counts;
    }

    private void count(String party, String kind) {
        moves.computeIfAbsent(party, p -> counts()).merge(kind, 1, Integer::sum);
    }

    @SuppressWarnings("unchecked")
    private void move(EventMessage event, Map<String, Object> data, Instant at) {
        String party = (String) data.get("party");
        String ref = (String) data.get("ref");
        boolean trade = event.kind().equals("TradeProposed");
        Map<String, Object> pkg = (Map<String, Object>) data.get("package");
        count(party, trade ? "trades" : "offers");
        Map<String, Object> move = new LinkedHashMap<>();
        move.put("seq", event.seq());
        move.put("at", event.at());
        move.put("ref", ref);
        move.put("kind", trade ? "trade" : "offer");
        move.put("party", party);
        if (trade) {
            move.put("on", data.get("on"));
            Map<String, Object> declared = new LinkedHashMap<>();
            declared.put("give", data.get("give"));
            declared.put("get", data.get("get"));
            move.put("declared", declared);
        }
        move.put("package", pkg);
        Map<String, Object> previous = positions.get(party);
        move.put("previous", previous == null ? null : previous.get("ref"));
        PartyProfile mover = profiles.get(party);
        List<Map<String, Object>> changes = new ArrayList<>();
        List<String> give = new ArrayList<>();
        List<String> get = new ArrayList<>();
        if (previous != null) {
            Map<String, Object> before = (Map<String, Object>) previous.get("package");
            for (int i = 0; i < options.issueCount(); i++) {
                String issue = options.issue(i).id();
                int from = options.optionIndex(i, before.get(issue));
                int to = options.optionIndex(i, pkg.get(issue));
                if (from == to || from < 0 || to < 0) {
                    continue; // unchanged, or an issue added since the previous position was taken
                }
                Integer worth = mover == null ? null : mover.points()[i][to] - mover.points()[i][from];
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("issue", issue);
                change.put("from", before.get(issue));
                change.put("to", pkg.get(issue));
                change.put("worth", worth);
                changes.add(change);
                if (worth != null && worth < 0) {
                    give.add(issue);
                } else if (worth != null && worth > 0) {
                    get.add(issue);
                }
            }
        }
        move.put("changes", changes);
        // give and get need the mover's interests: without them, no one can tell a concession from a demand
        move.put("give", previous == null || mover == null ? null : give);
        move.put("get", previous == null || mover == null ? null : get);
        Map<String, Integer> now = utilities(profiles, pkg);
        move.put("utilities", now);
        if (previous != null) {
            Map<String, Integer> then = utilities(profiles, (Map<String, Object>) previous.get("package"));
            Map<String, Integer> deltas = new TreeMap<>();
            now.forEach((p, u) -> deltas.put(p, u - then.get(p)));
            move.put("deltas", deltas);
        } else {
            move.put("deltas", null);
        }
        concessions.add(move);
        positions.put(party, Map.of("ref", ref, "package", pkg));
        firstMoves.putIfAbsent(party, Map.of("ref", ref, "package", pkg));
        path(event.seq(), ref, move.get("kind").toString(), party, pkg);
    }

    /** Each visible party's utility for a package on the table, under its interests in force now. */
    private void path(long seq, String ref, String kind, String party, Map<String, Object> pkg) {
        utilities(profiles, pkg).forEach((p, u) -> {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("seq", seq);
            point.put("ref", ref);
            point.put("kind", kind);
            point.put("party", party);
            point.put("utility", u);
            paths.computeIfAbsent(p, x -> new ArrayList<>()).add(point);
        });
    }

    /** The utility of a package for every party whose interests this viewer sees, by party name. */
    private Map<String, Integer> utilities(Map<String, PartyProfile> profiles, Map<String, Object> pkg) {
        Map<String, Integer> out = new TreeMap<>();
        int[] indices = options.indices(pkg);
        profiles.forEach((party, profile) -> {
            int u = 0;
            for (int i = 0; i < indices.length; i++) {
                // A package made before an amendment does not name the issues added since: they count 0.
                u += indices[i] < 0 ? 0 : profile.points()[i][indices[i]];
            }
            out.put(party, u);
        });
        return out;
    }

    private Map<String, Object> result(String roomId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("roomId", roomId);
        out.put("role", role);
        out.put("seq", seq);
        out.put("head", head);
        out.put("parties", parties);
        out.put("visible", new ArrayList<>(new TreeMap<>(profiles).keySet()));
        out.put("startedAt", start == null ? null : start.toString());
        out.put("timeToAgreementMillis", timeToAgreement);
        out.put("agreement", agreement);
        out.put("rounds", rounds);
        out.put("moves", moves);
        out.put("concessions", concessions);
        out.put("utilityPaths", paths);
        out.put("jointGain", jointGain());
        return out;
    }

    /**
     * The agreement's utilities beside two baselines, for the parties this viewer sees: each
     * party's first offer, and the split. Joint figures (sums) only when every party is seen.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> jointGain() {
        if (agreement == null || profilesAtAgreement.isEmpty()) {
            return null;
        }
        Map<String, PartyProfile> seen = profilesAtAgreement;
        boolean complete = seen.keySet().containsAll(parties);
        Map<String, Object> agreed = (Map<String, Object>) agreement.get("package");
        Integer joint = joint(utilities(seen, agreed), complete);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("parties", new ArrayList<>(new TreeMap<>(seen).keySet()));
        out.put("complete", complete);
        out.put("agreement", baseline(Map.of("ref", agreement.get("ref"), "package", agreed), seen, complete, joint));
        List<Object> firsts = new ArrayList<>();
        firstMoves.forEach((party, first) -> {
            Map<String, Object> b = baseline(first, seen, complete, joint);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("party", party);
            row.putAll(b);
            firsts.add(row);
        });
        out.put("firstOffers", firsts);
        out.put("split", baseline(Map.of("package", split(agreed)), seen, complete, joint));
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> baseline(Map<String, Object> position, Map<String, PartyProfile> seen, boolean complete,
                                         Integer agreedJoint) {
        Map<String, Object> pkg = (Map<String, Object>) position.get("package");
        Map<String, Integer> utilities = utilities(seen, pkg);
        Integer joint = joint(utilities, complete);
        Map<String, Object> out = new LinkedHashMap<>();
        if (position.containsKey("ref")) {
            out.put("ref", position.get("ref"));
        }
        out.put("package", pkg);
        out.put("utilities", utilities);
        out.put("joint", joint);
        out.put("gain", joint == null || agreedJoint == null ? null : agreedJoint - joint);
        return out;
    }

    private static Integer joint(Map<String, Integer> utilities, boolean complete) {
        return complete ? utilities.values().stream().mapToInt(Integer::intValue).sum() : null;
    }

    /** Every range issue at the middle of its agenda range, every other issue as agreed. */
    private Map<String, Object> split(Map<String, Object> agreed) {
        Map<String, Object> pkg = new LinkedHashMap<>();
        int[] counts = options.optionCounts();
        for (int i = 0; i < options.issueCount(); i++) {
            String id = options.issue(i).id();
            pkg.put(id, options.isRange(i) ? options.wireValue(i, (counts[i] - 1) / 2) : agreed.get(id));
        }
        return pkg;
    }
}
