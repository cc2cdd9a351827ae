package negotiation.wire.view;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A note; a caucus note has {@code to}, and its text only for those who may read it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NoteView(long seq, String at, String party, String to, String text) {
}
