package negotiation.room;

import static negotiation.room.Visibility.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import negotiation.wire.EventMessage;

/**
 * The room as one viewer sees it at some seq: built only by folding the events that
 * {@link Visibility#present} gives that viewer, so a view can never show more than the log.
 */
public final class RoomView {
    private final Map<String, Object> view = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> parties = new LinkedHashMap<>();
    private final List<Object> offers = new ArrayList<>();
    private final List<Object> proposals = new ArrayList<>();
    private final List<Object> improvements = new ArrayList<>();
    private final Map<String, Map<String, Object>> answers = new LinkedHashMap<>();
    private final Map<String, Object> deals = new LinkedHashMap<>();
    private final Map<String, Object> interests = new LinkedHashMap<>();
    private final List<Object> notes = new ArrayList<>();
    private final List<Map<String, Object>> amendments = new ArrayList<>();
    private final List<Object> suggestions = new ArrayList<>();

    private RoomView() {
    }

    /** The view of {@code room} (already cut at the wanted seq) for {@code viewer}. */
    public static Map<String, Object> of(String roomId, RoomHistory.Snapshot room, Viewer viewer) {
        return fold(roomId, viewer, () -> room.entries().stream()
                .map(entry -> Visibility.present(room, entry, viewer)).iterator());
    }

    /**
     * The view folded from the events a viewer was given, in seq order: what {@link #of} does
     * on the server, and what an offline replay does with an export.
     */
    public static Map<String, Object> fold(String roomId, Viewer viewer, Iterable<EventMessage> events) {
        RoomView fold = new RoomView();
        fold.view.put("roomId", roomId);
        fold.view.put("role", viewer.role());
        fold.view.put("seq", 0L);
        fold.view.put("head", HashChain.GENESIS);
        for (EventMessage event : events) {
            fold.apply(event);
            fold.view.put("seq", event.seq());
            fold.view.put("head", event.hash());
        }
        return fold.finish(viewer);
    }

    @SuppressWarnings("unchecked")
    private void apply(EventMessage event) {
        Map<String, Object> data = event.data();
        switch (event.kind()) {
            case "RoomCreated" -> created(data);
            case "InterestsSubmitted" -> {
                Map<String, Object> party = parties.get((String) data.get("party"));
                party.put("interestsVersion", data.get("version"));
                party.put("erased", Boolean.TRUE.equals(data.get("erased")));
                if (data.containsKey("interests")) {
                    interests.put((String) data.get("party"), data.get("interests"));
                }
            }
            case "ProposalsComputed" -> proposals(event, data);
            case "OfferMade", "TradeProposed" -> {
                Map<String, Object> offer = new LinkedHashMap<>(data);
                offer.put("kind", event.kind().equals("OfferMade") ? "offer" : "trade");
                offer.put("seq", event.seq());
                offers.add(offer);
                deals.put((String) data.get("ref"), offer);
                answer((String) data.get("ref"), (String) data.get("party"), "accepted");
            }
            case "Accepted" -> answer((String) data.get("ref"), (String) data.get("party"), "accepted");
            case "Rejected" -> answer((String) data.get("ref"), (String) data.get("party"), "rejected");
            case "AgreementReached" -> agreement(event, data);
            case "NoteAdded" -> notes.add(note(event, data));
            case "InterestsUnsealed" -> parties.get((String) data.get("party")).put("unsealed", true);
            case "PrivateDataErased" -> {
                parties.get((String) data.get("party")).put("erased", true);
                parties.get((String) data.get("party")).put("unsealed", false);
                interests.remove((String) data.get("party"));
            }
            case "AmendmentProposed", "AgendaAmended", "Withdrawn", "MediatorSuggested" -> workspace(event, data);
            default -> throw new IllegalStateException("unknown kind " + event.kind());
        }
    }

    /** A note; a caucus note carries {@code to}, and its text only for those who may read it. */
    private static Map<String, Object> note(EventMessage event, Map<String, Object> data) {
        Map<String, Object> note = map("seq", event.seq(), "at", event.at(), "party", data.get("party"));
        if (data.containsKey("to")) {
            note.put("to", data.get("to"));
        }
        if (data.containsKey("text")) {
            note.put("text", data.get("text"));
        }
        return note;
    }

    /** Protocol 1.1: the agenda as amended so far, amendments, withdrawals and mediator suggestions. */
    @SuppressWarnings("unchecked")
    private void workspace(EventMessage event, Map<String, Object> data) {
        String ref = (String) data.get("ref");
        switch (event.kind()) {
            case "AmendmentProposed" -> {
                Map<String, Object> amendment = new LinkedHashMap<>(data);
                amendment.put("seq", event.seq());
                amendment.put("status", "proposed");
                amendments.add(amendment);
                if (parties.containsKey((String) data.get("party"))) {
                    answer(ref, (String) data.get("party"), "accepted");
                }
            }
            case "AgendaAmended" -> {
                view.put("agenda", data.get("agenda"));
                view.put("agendaVersion", data.get("version"));
                for (Map<String, Object> amendment : amendments) {
                    if ("proposed".equals(amendment.get("status"))) {
                        amendment.put("status", ref.equals(amendment.get("ref")) ? "agreed" : "stale");
                    }
                }
            }
            case "Withdrawn" -> ((Map<String, Object>) deals.get(ref)).put("withdrawn", true);
            default -> {
                Map<String, Object> suggestion = new LinkedHashMap<>(data);
                suggestion.put("kind", "suggestion");
                suggestion.put("seq", event.seq());
                suggestions.add(suggestion);
                deals.put(ref, suggestion);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void created(Map<String, Object> agenda) {
        view.put("title", agenda.get("title"));
        view.put("agenda", agenda);
        for (String name : (List<String>) agenda.get("parties")) {
            parties.put(name, map("name", name, "interestsVersion", 0, "unsealed", false, "erased", false));
        }
    }

    @SuppressWarnings("unchecked")
    private void proposals(EventMessage event, Map<String, Object> data) {
        List<Map<String, Object>> packages = (List<Map<String, Object>>) data.get("packages");
        for (Map<String, Object> p : packages) {
            deals.put((String) p.get("ref"), p);
        }
        if (data.containsKey("improves")) {
            Map<String, Object> improvement = new LinkedHashMap<>(packages.get(0));
            improvement.put("improves", data.get("improves"));
            improvement.put("seq", event.seq());
            improvements.add(improvement);
            return;
        }
        view.put("round", data.get("round"));
        view.put("zopa", data.get("zopa"));
        proposals.clear();
        proposals.addAll(packages);
    }

    @SuppressWarnings("unchecked")
    private void agreement(EventMessage event, Map<String, Object> data) {
        Map<String, Object> agreement = new LinkedHashMap<>(data);
        agreement.put("seq", event.seq());
        agreement.put("at", event.at());
        agreement.put("rule", ruleOf((String) data.get("ref")));
        agreement.put("agendaVersion", view.getOrDefault("agendaVersion", 1)); // the agenda it was agreed on
        view.put("agreement", agreement);
    }

    /** How the agreed package was found: the engine's rule for a proposal, else who offered it. */
    @SuppressWarnings("unchecked")
    private String ruleOf(String ref) {
        Map<String, Object> deal = (Map<String, Object>) deals.get(ref);
        if (deal.containsKey("rule")) {
            return (String) deal.get("rule");
        }
        if ("suggestion".equals(deal.get("kind"))) {
            return "suggestion by a mediator";
        }
        return "offer".equals(deal.get("kind")) ? "offer by " + deal.get("party")
                : "conditional trade by " + deal.get("party") + " on " + deal.get("on");
    }

    private void answer(String ref, String party, String answer) {
        answers.computeIfAbsent(ref, r -> new LinkedHashMap<>()).put(party, answer);
    }

    private Map<String, Object> finish(Viewer viewer) {
        view.put("parties", new ArrayList<>(parties.values()));
        view.putIfAbsent("round", 0);
        view.putIfAbsent("zopa", null);
        view.put("proposals", proposals);
        view.put("improvements", improvements);
        view.put("offers", offers);
        view.put("answers", answers);
        view.putIfAbsent("agreement", null);
        view.put("notes", notes);
        view.putIfAbsent("agendaVersion", 1);
        view.put("amendments", amendments);
        view.put("suggestions", suggestions);
        if (viewer.isMediator()) {
            view.put("interests", interests);
        } else {
            view.put("interests", interests.get(viewer.role()));
        }
        return view;
    }
}
