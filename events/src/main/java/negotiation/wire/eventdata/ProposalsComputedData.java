package negotiation.wire.eventdata;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import negotiation.events.Private;
import negotiation.events.Private.Readers;

/**
 * A round of proposals, or a post-settlement improvement ({@code improves} names the agreed ref).
 *
 * @param yardsticks a party's own {@link Yardsticks}, or a mediator's per unsealed party (a map by name)
 * @param coarsened  the floor-band notice of docs/privacy.md, for rounds computed on banded floors
 * @param safeOffers a party's own safe offers (a list of {@link SafeOfferData}), or a mediator's per
 *                   unsealed party that has any (a map by name); absent when there are none to show
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProposalsComputedData(int round, boolean zopa, List<ProposedPackageData> packages,
                                    @Private(Readers.VIEWER) Object yardsticks, String improves, String coarsened,
                                    @Private(Readers.VIEWER) Object safeOffers)
        implements EventData {
}
