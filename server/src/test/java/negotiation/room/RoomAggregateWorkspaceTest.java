package negotiation.room;

import static negotiation.room.RoomAggregateTest.AT;
import static negotiation.room.RoomAggregateTest.ORANGE;
import static negotiation.room.RoomAggregateTest.POS;
import static negotiation.room.RoomAggregateTest.ROOM;
import static negotiation.room.RoomAggregateTest.created;
import static negotiation.room.RoomAggregateTest.orangeRound;
import static negotiation.room.RoomAggregateTest.submitted;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import negotiation.commands.Accept;
import negotiation.commands.AddNote;
import negotiation.commands.Amend;
import negotiation.commands.ErasePrivateData;
import negotiation.commands.MakeOffer;
import negotiation.commands.ProposeTrade;
import negotiation.commands.RoomCommand;
import negotiation.commands.SubmitInterests;
import negotiation.commands.Suggest;
import negotiation.commands.Withdraw;
import negotiation.events.Accepted;
import negotiation.events.Agenda;
import negotiation.events.AgendaAmended;
import negotiation.events.AgendaChange;
import negotiation.events.AgreementReached;
import negotiation.events.AmendmentProposed;
import negotiation.events.Interests;
import negotiation.events.Issue;
import negotiation.events.MediatorSuggested;
import negotiation.events.NoteAdded;
import negotiation.events.OfferMade;
import negotiation.events.Package;
import negotiation.events.PrivateDataErased;
import negotiation.events.ProposalsComputed;
import negotiation.events.Range;
import negotiation.events.RoomEvent;
import negotiation.events.Withdrawn;
import negotiation.support.Scenarios;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Protocol 1.1's rules in the aggregate: withdraw, caucus notes, agenda amendments and mediator
 * suggestions; each refusal with the exact code the protocol names (docs/protocol.md), appending nothing.
 */
class RoomAggregateWorkspaceTest {
    static final Package JUICE_ANNA = Package.of(Map.of("juice", "anna", "peel", "beth"));
    static final Package HALF = Package.of(Map.of("juice", "half each", "peel", "half each"));
    static final String SALT = "00".repeat(32);
    static final Interests ANNA = Scenarios.interests("orange", "anna");
    static final Interests BETH = Scenarios.interests("orange", "beth");
    static final Issue ZEST = new Issue("zest", "Who gets the zest", null, List.of("anna", "beth"), null);
    static final AgendaChange ADD_ZEST = new AgendaChange(ZEST, null);

    FixtureConfiguration<RoomAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RoomAggregate.class);
        fixture.registerCommandTargetResolver(
                message -> new VersionedAggregateIdentifier(((RoomCommand) message.getPayload()).roomId(), null));
    }

    static OfferMade offer(String ref, String party, Package pkg) {
        return new OfferMade(ROOM, ref, party, pkg, List.of(), AT);
    }

    static AmendmentProposed proposed(String ref, String party, List<AgendaChange> changes, int version) {
        return new AmendmentProposed(ROOM, ref, party, changes, null, version, AT);
    }

    static Agenda withZest() {
        List<Issue> issues = new ArrayList<>(ORANGE.issues());
        issues.add(ZEST);
        return new Agenda(ORANGE.title(), ORANGE.parties(), issues);
    }

    static AgendaAmended amendedWithZest() {
        return new AgendaAmended(ROOM, "a1", withZest(), 2, AT);
    }

    // --- withdraw

    @Test
    void aPartyWithdrawsItsOwnOffer() {
        fixture.given(created(ORANGE), offer("o1", "anna", JUICE_ANNA))
                .when(new Withdraw(ROOM, "anna", "o1", AT))
                .expectEvents(new Withdrawn(ROOM, "o1", "anna", AT));
    }

    @Test
    void aWithdrawnOfferCannotBeAccepted() {
        refused(fixture.given(created(ORANGE), offer("o1", "anna", JUICE_ANNA), new Withdrawn(ROOM, "o1", "anna", AT)),
                new Accept(ROOM, "beth", "o1", AT), "conflict");
    }

    @Test
    void withdrawingTwiceIsAConflict() {
        refused(fixture.given(created(ORANGE), offer("o1", "anna", JUICE_ANNA), new Withdrawn(ROOM, "o1", "anna", AT)),
                new Withdraw(ROOM, "anna", "o1", AT), "conflict");
    }

    @Test
    void withdrawingAnotherPartysOfferIsForbidden() {
        refused(fixture.given(created(ORANGE), offer("o1", "anna", JUICE_ANNA)),
                new Withdraw(ROOM, "beth", "o1", AT), "forbidden");
    }

    @Test
    void withdrawingAProposalOrByAMediatorIsForbidden() {
        refused(fixture.given(created(ORANGE), orangeRound()), new Withdraw(ROOM, "anna", "p1-1", AT), "forbidden");
        refused(fixture.given(created(ORANGE), offer("o1", "anna", JUICE_ANNA)),
                new Withdraw(ROOM, "mediator", "o1", AT), "forbidden");
    }

    @Test
    void withdrawingAnUnknownRefIsNotFoundEvenForAMediator() {
        refused(fixture.given(created(ORANGE)), new Withdraw(ROOM, "anna", "o9", AT), "not_found");
        refused(fixture.given(created(ORANGE)), new Withdraw(ROOM, "mediator", "o9", AT), "not_found");
    }

    @Test
    void withdrawingAnAgreedOfferIsAConflict() {
        refused(fixture.given(created(ORANGE), offer("o1", "anna", JUICE_ANNA), new Accepted(ROOM, "o1", "beth", AT),
                        new AgreementReached(ROOM, "o1", JUICE_ANNA, List.of(), null, AT)),
                new Withdraw(ROOM, "anna", "o1", AT), "conflict");
    }

    // --- caucus notes

    @Test
    void aPartysCaucusNoteToMediatorsCarriesACommitmentToItsText() {
        fixture.given(created(ORANGE))
                .when(new AddNote(ROOM, "anna", "I could live without the peel", AT, "mediator", SALT))
                .expectEvents(new NoteAdded(ROOM, "anna", "I could live without the peel", AT, "mediator",
                        CaucusCommitment.of(SALT, "I could live without the peel"), SALT));
    }

    @Test
    void aMediatorMayAddressAnyParty() {
        fixture.given(created(ORANGE))
                .when(new AddNote(ROOM, "mediator", "what is the juice for?", AT, "beth", SALT))
                .expectEvents(new NoteAdded(ROOM, "mediator", "what is the juice for?", AT, "beth",
                        CaucusCommitment.of(SALT, "what is the juice for?"), SALT));
    }

    @Test
    void aCaucusNotesAuthorHasPrivateDataToEraseThoughItNeverEnteredInterests() {
        NoteAdded caucus = new NoteAdded(ROOM, "anna", "I could live without the peel", AT, "mediator",
                CaucusCommitment.of(SALT, "I could live without the peel"), SALT);
        fixture.given(created(ORANGE), caucus)
                .when(new ErasePrivateData(ROOM, "anna", AT))
                .expectEvents(new PrivateDataErased(ROOM, "anna", AT));
        fixture.given(created(ORANGE), caucus, new PrivateDataErased(ROOM, "anna", AT))
                .when(new ErasePrivateData(ROOM, "anna", AT))
                .expectNoEvents();
        fixture.given(created(ORANGE), new NoteAdded(ROOM, "anna", "a room note is public", AT))
                .when(new ErasePrivateData(ROOM, "anna", AT))
                .expectNoEvents();
    }

    @Test
    void aPartyMayNotCaucusWithAnotherParty() {
        refused(fixture.given(created(ORANGE)), new AddNote(ROOM, "anna", "psst", AT, "beth", SALT), "forbidden");
        refused(fixture.given(created(ORANGE)), new AddNote(ROOM, "anna", "psst", AT, "anna", SALT), "forbidden");
    }

    @Test
    void toNamingNobodyIsABadRequest() {
        refused(fixture.given(created(ORANGE)), new AddNote(ROOM, "anna", "psst", AT, "carol", SALT), "bad_request");
        refused(fixture.given(created(ORANGE)), new AddNote(ROOM, "mediator", "psst", AT, "", SALT), "bad_request");
    }

    @Test
    void aCaucusNoteOver4000CharactersIsABadRequest() {
        refused(fixture.given(created(ORANGE)), new AddNote(ROOM, "anna", "x".repeat(4001), AT, "mediator", SALT),
                "bad_request");
    }

    // --- amendments

    @Test
    void aPartyProposesAnAmendmentOnTheCurrentAgendaVersion() {
        fixture.given(created(ORANGE))
                .when(new Amend(ROOM, "anna", List.of(ADD_ZEST), "the zest matters too", AT))
                .expectEvents(new AmendmentProposed(ROOM, "a1", "anna", List.of(ADD_ZEST), "the zest matters too", 1, AT));
    }

    @Test
    void theLastPartysAcceptAmendsTheAgendaWhole() {
        fixture.given(created(ORANGE), proposed("a1", "anna", List.of(ADD_ZEST), 1))
                .when(new Accept(ROOM, "beth", "a1", AT))
                .expectEvents(new Accepted(ROOM, "a1", "beth", AT), amendedWithZest());
    }

    @Test
    void aMediatorsAmendmentNeedsEveryParty() {
        fixture.given(created(ORANGE), proposed("a1", "mediator", List.of(ADD_ZEST), 1))
                .when(new Accept(ROOM, "beth", "a1", AT))
                .expectEvents(new Accepted(ROOM, "a1", "beth", AT));
        fixture.given(created(ORANGE), proposed("a1", "mediator", List.of(ADD_ZEST), 1),
                        new Accepted(ROOM, "a1", "beth", AT))
                .when(new Accept(ROOM, "anna", "a1", AT))
                .expectEvents(new Accepted(ROOM, "a1", "anna", AT), amendedWithZest());
    }

    @Test
    void aLaterChangeMayAddOptionsToAnIssueAddedEarlierInTheList() {
        List<AgendaChange> changes = List.of(ADD_ZEST,
                new AgendaChange(null, new AgendaChange.AddOptions("zest", List.of("shared"))));
        Issue zest = new Issue("zest", "Who gets the zest", null, List.of("anna", "beth", "shared"), null);
        Agenda amended = new Agenda(ORANGE.title(), ORANGE.parties(), List.of(ORANGE.issues().get(0),
                ORANGE.issues().get(1), zest));
        fixture.given(created(ORANGE), proposed("a1", "anna", changes, 1))
                .when(new Accept(ROOM, "beth", "a1", AT))
                .expectEvents(new Accepted(ROOM, "a1", "beth", AT), new AgendaAmended(ROOM, "a1", amended, 2, AT));
    }

    @Test
    void acceptingAnAgreedAmendmentAgainIsAConflict() {
        fixture.given(created(ORANGE), proposed("a1", "anna", List.of(ADD_ZEST), 1),
                        new Accepted(ROOM, "a1", "beth", AT), amendedWithZest())
                .when(new Accept(ROOM, "beth", "a1", AT))
                .expectException(RoomRejection.class)
                .expectExceptionMessage("amendment 'a1' is already agreed")
                .expectNoEvents();
    }

    @Test
    void anAmendmentOfAnEarlierAgendaVersionCannotBeAccepted() {
        AgendaChange more = new AgendaChange(null, new AgendaChange.AddOptions("peel", List.of("composted")));
        refused(fixture.given(created(ORANGE), proposed("a1", "anna", List.of(ADD_ZEST), 1),
                        proposed("a2", "anna", List.of(more), 1), new Accepted(ROOM, "a1", "beth", AT), amendedWithZest()),
                new Accept(ROOM, "beth", "a2", AT), "conflict");
    }

    @Test
    void aMediatorCannotAcceptAnAmendment() {
        refused(fixture.given(created(ORANGE), proposed("a1", "anna", List.of(ADD_ZEST), 1)),
                new Accept(ROOM, "mediator", "a1", AT), "forbidden");
    }

    @Test
    void refsMadeOnAnEarlierAgendaCannotBeAcceptedTradedOnOrWithdrawn() {
        RoomEvent[] history = {created(ORANGE), offer("o1", "anna", JUICE_ANNA),
                proposed("a1", "anna", List.of(ADD_ZEST), 1), new Accepted(ROOM, "a1", "beth", AT), amendedWithZest()};
        refused(fixture.given((Object[]) history), new Accept(ROOM, "beth", "o1", AT), "conflict");
        refused(fixture.given((Object[]) history), new Withdraw(ROOM, "anna", "o1", AT), "conflict");
        refused(fixture.given((Object[]) history),
                new ProposeTrade(ROOM, "beth", "o1", Package.of(Map.of("juice", "half each")), Package.EMPTY, List.of(), AT), "conflict");
    }

    @Test
    void offersOnTheAmendedAgendaMustNameTheAddedIssue() {
        RoomEvent[] history = {created(ORANGE), proposed("a1", "anna", List.of(ADD_ZEST), 1),
                new Accepted(ROOM, "a1", "beth", AT), amendedWithZest()};
        refused(fixture.given((Object[]) history), new MakeOffer(ROOM, "anna", JUICE_ANNA, List.of(), AT), "bad_request");
        Package withZest = Package.of(Map.of("juice", "anna", "peel", "beth", "zest", "beth"));
        fixture.given((Object[]) history)
                .when(new MakeOffer(ROOM, "anna", withZest, List.of(), AT))
                .expectEvents(offer("o1", "anna", withZest));
    }

    @Test
    void afterAnAmendmentTheNextRoundNeedsEveryPartysInterestsAgain() {
        // beth resubmitted after round 1, but before the amendment: that no longer counts for round 2
        RoomEvent[] history = {created(ORANGE), submitted("anna", 1, ANNA), submitted("beth", 1, BETH), orangeRound(),
                submitted("beth", 2, BETH), proposed("a1", "anna", List.of(ADD_ZEST), 1),
                new Accepted(ROOM, "a1", "beth", AT), amendedWithZest()};
        fixture.given((Object[]) history)
                .when(new SubmitInterests(ROOM, "anna", ANNA, 7, AT))
                .expectEvents(submitted("anna", 2, ANNA));
        RoomEvent[] resubmitted = java.util.stream.Stream.concat(java.util.Arrays.stream(history),
                java.util.stream.Stream.of(submitted("anna", 2, ANNA))).toArray(RoomEvent[]::new);
        fixture.given((Object[]) resubmitted)
                .when(new SubmitInterests(ROOM, "beth", BETH, 7, AT))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.equalTo(submitted("beth", 3, BETH)),
                                new TypeSafeMatcher<Object>() {
                                    @Override
                                    protected boolean matchesSafely(Object item) {
                                        return item instanceof ProposalsComputed round && round.round() == 2
                                                && round.packages().get(0).pkg().has("zest");
                                    }

                                    @Override
                                    public void describeTo(Description description) {
                                        description.appendText("round 2 on the amended agenda");
                                    }
                                },
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void interestsCarryOverWithAddedOptionsWorthZero() {
        AgendaChange composted = new AgendaChange(null, new AgendaChange.AddOptions("peel", List.of("composted")));
        Issue peel = new Issue("peel", "Who gets the peel", null, List.of("anna", "half each", "beth", "composted"), null);
        Agenda amended = new Agenda(ORANGE.title(), ORANGE.parties(), List.of(ORANGE.issues().get(0), peel));
        // the agreement is judged (rule 6) on round 1's interests, whose peel values do not name "composted"
        fixture.given(created(ORANGE), submitted("anna", 1, ANNA), submitted("beth", 1, BETH), orangeRound(),
                        proposed("a1", "anna", List.of(composted), 1), new Accepted(ROOM, "a1", "beth", AT),
                        new AgendaAmended(ROOM, "a1", amended, 2, AT), offer("o1", "anna", JUICE_ANNA))
                .when(new Accept(ROOM, "beth", "o1", AT))
                .expectEvents(new Accepted(ROOM, "o1", "beth", AT),
                        new AgreementReached(ROOM, "o1", JUICE_ANNA, List.of(), false, AT),
                        new ProposalsComputed(ROOM, 1, false, 0, List.of(), "o1", null, AT, null));
    }

    @Test
    void changeListsThatBreakTheAgendaAreBadRequestsAndApplyNothing() {
        List<AgendaChange> tooMany = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            tooMany.add(new AgendaChange(new Issue("x" + i, null, null, List.of("a", "b"), null), null));
        }
        List<List<AgendaChange>> broken = List.of(
                List.of(),
                tooMany,
                List.of(new AgendaChange(new Issue("juice", null, null, List.of("a", "b"), null), null)),
                List.of(ADD_ZEST, ADD_ZEST),
                List.of(new AgendaChange(null, new AgendaChange.AddOptions("juice", List.of("anna")))),
                List.of(new AgendaChange(null, new AgendaChange.AddOptions("juice", List.of("x", "x")))),
                List.of(new AgendaChange(null, new AgendaChange.AddOptions("juice", List.of()))),
                List.of(new AgendaChange(null, new AgendaChange.AddOptions("lemon", List.of("x")))),
                List.of(new AgendaChange(ZEST, new AgendaChange.AddOptions("juice", List.of("x")))),
                // all or nothing: a valid change first, then a broken one
                List.of(ADD_ZEST, new AgendaChange(null, new AgendaChange.AddOptions("juice", List.of()))));
        for (List<AgendaChange> changes : broken) {
            refused(fixture.given(created(ORANGE)), new Amend(ROOM, "anna", changes, null, AT), "bad_request");
        }
        List<String> sixtyTwo = new ArrayList<>();
        for (int i = 0; i < 62; i++) {
            sixtyTwo.add("o" + i);
        }
        // 3 options and 62 more is 65, over 64
        refused(fixture.given(created(ORANGE)), new Amend(ROOM, "anna",
                List.of(new AgendaChange(null, new AgendaChange.AddOptions("juice", sixtyTwo))), null, AT), "bad_request");
        refused(fixture.given(created(POS)), new Amend(ROOM, "buyer",
                List.of(new AgendaChange(null, new AgendaChange.AddOptions("price", List.of("4700")))), null, AT),
                "bad_request");
    }

    @Test
    void anAgendaOfMoreThan50IssuesIsRefused() {
        List<Issue> issues = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            issues.add(new Issue("i" + i, null, null, List.of("a", "b"), null));
        }
        Agenda big = new Agenda("big", List.of("anna", "beth"), issues);
        List<AgendaChange> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(new AgendaChange(new Issue("n" + i, null, null, List.of("a", "b"), null), null));
        }
        refused(fixture.given(created(big)), new Amend(ROOM, "anna", six, null, AT), "bad_request");
    }

    // --- mediator suggestions

    @Test
    void aMediatorSuggestsAPackage() {
        fixture.given(created(ORANGE))
                .when(new Suggest(ROOM, "mediator", HALF, List.of(), "meet in the middle?", AT))
                .expectEvents(new MediatorSuggested(ROOM, "m1", HALF, List.of(), "meet in the middle?", AT));
    }

    @Test
    void aPartyCannotSuggest() {
        refused(fixture.given(created(ORANGE)), new Suggest(ROOM, "anna", HALF, List.of(), null, AT), "forbidden");
    }

    @Test
    void aSuggestionNeedsEveryPartyAndTheMediatorDoesNotCount() {
        MediatorSuggested m1 = new MediatorSuggested(ROOM, "m1", HALF, List.of(), null, AT);
        fixture.given(created(ORANGE), m1)
                .when(new Accept(ROOM, "anna", "m1", AT))
                .expectEvents(new Accepted(ROOM, "m1", "anna", AT));
        fixture.given(created(ORANGE), m1, new Accepted(ROOM, "m1", "anna", AT))
                .when(new Accept(ROOM, "beth", "m1", AT))
                .expectEvents(new Accepted(ROOM, "m1", "beth", AT),
                        new AgreementReached(ROOM, "m1", HALF, List.of(), null, AT),
                        new ProposalsComputed(ROOM, 0, false, 0, List.of(), "m1", null, AT, null));
        refused(fixture.given(created(ORANGE), m1), new Accept(ROOM, "mediator", "m1", AT), "forbidden");
    }

    private static void refused(org.axonframework.test.aggregate.TestExecutor<RoomAggregate> given, Object command,
                                String code) {
        given.when(command)
                .expectException(new TypeSafeMatcher<Throwable>() {
                    @Override
                    protected boolean matchesSafely(Throwable item) {
                        return item instanceof RoomRejection rejection && rejection.code().equals(code);
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("a RoomRejection with code " + code);
                    }
                })
                .expectNoEvents();
    }
}
