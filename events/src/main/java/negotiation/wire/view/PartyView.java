package negotiation.wire.view;

/** A party of the room: how many times it entered interests, whether it unsealed them, whether they were erased. */
public record PartyView(String name, int interestsVersion, boolean unsealed, boolean erased) {
}
