package negotiation.wire.eventdata;

import com.fasterxml.jackson.annotation.JsonInclude;
import negotiation.events.Interests;
import negotiation.events.Private;
import negotiation.events.Private.Readers;

/**
 * A party entered interests (its {@code version}-th submission).
 *
 * @param commitment the public commitment to the interests, null for events from before commitments
 * @param erased     true, for every role, when the submission's data was erased; null otherwise
 * @param interests  the interests, for those who may read them; null once erased
 * @param salt       the opening of the commitment, with the interests
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InterestsSubmittedData(String party, int version, String commitment,
                                     @Private(Readers.ROLES) Boolean erased,
                                     @Private(Readers.PARTY) Interests interests,
                                     @Private(Readers.PARTY) String salt) implements EventData {
}
