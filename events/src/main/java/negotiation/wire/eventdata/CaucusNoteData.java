package negotiation.wire.eventdata;

import com.fasterxml.jackson.annotation.JsonInclude;
import negotiation.events.Private;
import negotiation.events.Private.Readers;

/**
 * A caucus note ({@code NoteAdded} with an addressee): every role gets the event, only its
 * correspondents its text and the salt that opens its commitment.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaucusNoteData(String party, String to, @Private(Readers.CORRESPONDENTS) String text,
                             String commitment, @Private(Readers.CORRESPONDENTS) String salt) implements EventData {
}
