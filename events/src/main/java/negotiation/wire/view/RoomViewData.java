package negotiation.wire.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import negotiation.events.Agenda;
import negotiation.events.PrivacyLevel;
import negotiation.wire.eventdata.ProposedPackageData;

/**
 * The room as one viewer sees it at some seq (HTTP {@code GET /api/rooms/{id}} and {@code state?at=N}),
 * folded only from the events that viewer was given.
 *
 * @param title         absent before the room's first event
 * @param zopa          null before the first round
 * @param answers       per ref, each party's answer ("accepted" or "rejected")
 * @param agreement     null until every party accepted the same ref
 * @param interests     a party's own interests (null before it entered any, or once erased); for a
 *                      mediator, the interests of each party that unsealed, by name
 * @param privacy       the room's privacy level
 * @param names         each party's display name by party id
 * @param narrowed      the bands parties chose for their own floors, by party; absent while none did
 * @param safeOffers    the viewer's safe offers of the latest round or improvement round, as that event
 *                      showed them to the viewer; absent when there are none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoomViewData(String roomId, String role, long seq, String head, String title, Agenda agenda,
                           int round, @JsonInclude(JsonInclude.Include.ALWAYS) Boolean zopa, List<PartyView> parties,
                           List<ProposedPackageData> proposals, List<ImprovementView> improvements,
                           List<OfferView> offers, Map<String, Map<String, String>> answers,
                           @JsonInclude(JsonInclude.Include.ALWAYS) AgreementView agreement, List<NoteView> notes,
                           int agendaVersion, List<AmendmentView> amendments, List<SuggestionView> suggestions,
                           @JsonInclude(JsonInclude.Include.ALWAYS) Object interests, PrivacyLevel privacy,
                           Map<String, String> names, Map<String, Integer> narrowed, Object safeOffers) {
}
