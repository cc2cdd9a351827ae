package negotiation.room;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import negotiation.commands.Accept;
import negotiation.commands.AddNote;
import negotiation.commands.CreateRoom;
import negotiation.commands.MakeOffer;
import negotiation.commands.ProposeTrade;
import negotiation.commands.Reject;
import negotiation.commands.RoomCommand;
import negotiation.commands.SubmitInterests;
import negotiation.commands.UnsealInterests;
import negotiation.events.Agenda;
import negotiation.events.AgreementReached;
import negotiation.events.Accepted;
import negotiation.events.Interests;
import negotiation.events.InterestsSubmitted;
import negotiation.events.InterestsUnsealed;
import negotiation.events.Issue;
import negotiation.events.NoteAdded;
import negotiation.events.OfferMade;
import negotiation.events.Package;
import negotiation.events.PrivateDataErased;
import negotiation.events.ProposalsComputed;
import negotiation.events.ProposedPackage;
import negotiation.events.Range;
import negotiation.events.Rejected;
import negotiation.events.RoomCreated;
import negotiation.events.Term;
import negotiation.events.TradeProposed;
import negotiation.support.Scenarios;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The room's rules, command by command: what each appends, and each refusal (which appends nothing). */
class RoomAggregateTest {
    static final String ROOM = "room1";
    static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");
    static final Agenda ORANGE = Scenarios.agenda("orange");
    static final Agenda POS = Scenarios.agenda("pos-system");
    static final Interests ANNA = Scenarios.interests("orange", "anna");
    static final Interests BETH = Scenarios.interests("orange", "beth");
    static final Package JUICE_ANNA_PEEL_BETH = Package.of(Map.of("juice", "anna", "peel", "beth"));
    static final Package HALF_HALF = Package.of(Map.of("juice", "half each", "peel", "half each"));

    FixtureConfiguration<RoomAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RoomAggregate.class);
        // as in the store: events carry the request key of the command that applied them
        fixture.registerCommandHandlerInterceptor(new org.axonframework.messaging.interceptors.CorrelationDataInterceptor<>(
                List.of(new org.axonframework.messaging.correlation.SimpleCorrelationDataProvider(RoomAggregate.REQUEST))));
        fixture.registerCommandTargetResolver(
                message -> new VersionedAggregateIdentifier(((RoomCommand) message.getPayload()).roomId(), null));
    }

    static RoomCreated created(Agenda agenda) {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        agenda.parties().forEach(party -> names.put(party, party));
        return new RoomCreated(ROOM, agenda, Map.of("anna", "h1", "beth", "h2", "mediator", "h3"), AT,
                negotiation.events.PrivacyLevel.DEFAULT, names);
    }

    static InterestsSubmitted submitted(String party, int version, Interests interests) {
        return new InterestsSubmitted(ROOM, party, version, interests, AT);
    }

    static ProposalsComputed orangeRound() {
        return new ProposalsComputed(ROOM, 1, true, 7,
                List.of(new ProposedPackage("p1-1", Package.of(Map.of("juice", "anna", "peel", "beth")), "balanced")), null,
                FloorBands.DEFAULT_WIDTH, AT);
    }

    // --- creation

    @Test
    void createRoomAppendsRoomCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateRoom(ROOM, "mediator", ORANGE, Map.of("anna", "h1", "beth", "h2", "mediator", "h3"), AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(ORANGE));
    }

    @Test
    void agendaWithOnePartyIsRejected() {
        Agenda agenda = new Agenda("solo", List.of("anna"), ORANGE.issues());
        expectRejection(fixture.givenNoPriorActivity(), new CreateRoom(ROOM, "mediator", agenda, Map.of(), AT),
                "parties must list 2 to 8 names, got 1");
    }

    @Test
    void mediatorIsNotAPartyName() {
        Agenda agenda = new Agenda("t", List.of("anna", "mediator"), ORANGE.issues());
        expectRejection(fixture.givenNoPriorActivity(), new CreateRoom(ROOM, "mediator", agenda, Map.of(), AT),
                "'mediator' is a role, not a party name");
    }

    @Test
    void rangeWhoseStepDoesNotDivideIsRejected() {
        Agenda agenda = new Agenda("t", List.of("a", "b"),
                List.of(new Issue("price", "Price", null, null, new Range(0, 10, 3))));
        expectRejection(fixture.givenNoPriorActivity(), new CreateRoom(ROOM, "mediator", agenda, Map.of(), AT),
                "issue 'price': range max - min must be divisible by step");
    }

    @Test
    void issueWithOptionsAndRangeIsRejected() {
        Agenda agenda = new Agenda("t", List.of("a", "b"),
                List.of(new Issue("price", "Price", null, List.of("x", "y"), new Range(0, 10, 5))));
        expectRejection(fixture.givenNoPriorActivity(), new CreateRoom(ROOM, "mediator", agenda, Map.of(), AT),
                "issue 'price' must have either options or a range");
    }

    @Test
    void agendaBeyondTheExactCapIsRejected() {
        List<Issue> issues = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            issues.add(new Issue("i" + i, null, null, null, new Range(0, 9, 1)));
        }
        Agenda agenda = new Agenda("big", List.of("a", "b", "c", "d", "e", "f", "g", "h"), issues);
        fixture.givenNoPriorActivity()
                .when(new CreateRoom(ROOM, "mediator", agenda, Map.of(), AT))
                .expectException(RoomRejection.class)
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith("the agenda has 10000000000 packages; with 8 "
                        + "parties the engine cannot compute a round on it for typical interests"))
                .expectNoEvents();
    }

    // --- interests and rounds

    @Test
    void onePartysInterestsAppendOnlyThem() {
        fixture.given(created(ORANGE))
                .when(new SubmitInterests(ROOM, "anna", ANNA, 7, AT))
                .expectEvents(submitted("anna", 1, ANNA));
    }

    @Test
    void theLastPartyToSubmitCompletesTheRound() {
        fixture.given(created(ORANGE), submitted("anna", 1, ANNA))
                .when(new SubmitInterests(ROOM, "beth", BETH, 7, AT))
                .expectEvents(submitted("beth", 1, BETH), orangeRound());
    }

    @Test
    void resubmittingAloneNeverStartsANewRound() {
        fixture.given(created(ORANGE), submitted("anna", 1, ANNA), submitted("beth", 1, BETH), orangeRound())
                .when(new SubmitInterests(ROOM, "anna", ANNA, 8, AT))
                .expectEvents(submitted("anna", 2, ANNA));
    }

    @Test
    void noZopaGivesZopaFalseAndNothingElse() {
        Interests anna = new Interests(Map.of("juice", 100), Map.of("juice", Map.of("anna", 100, "half each", 50, "beth", 0)),
                6000, null, null);
        Interests beth = new Interests(Map.of("juice", 100), Map.of("juice", Map.of("anna", 0, "half each", 50, "beth", 100)),
                6000, null, null);
        fixture.given(created(ORANGE), submitted("anna", 1, anna))
                .when(new SubmitInterests(ROOM, "beth", beth, 7, AT))
                .expectEvents(submitted("beth", 1, beth), new ProposalsComputed(ROOM, 1, false, 7, List.of(), null,
                        FloorBands.DEFAULT_WIDTH, AT));
    }

    @Test
    void weightsNotSummingTo100AreRejected() {
        Interests interests = new Interests(Map.of("juice", 95), ANNA.values(), 3000, null, null);
        expectRejection(fixture.given(created(ORANGE)), new SubmitInterests(ROOM, "anna", interests, 7, AT),
                "weights must sum to 100, got 95");
    }

    @Test
    void valueForAnUnknownOptionIsRejected() {
        Interests interests = new Interests(Map.of("juice", 100),
                Map.of("juice", Map.of("anna", 100, "half each", 50, "beth", 0, "lemon", 3)), 3000, null, null);
        expectRejection(fixture.given(created(ORANGE)), new SubmitInterests(ROOM, "anna", interests, 7, AT),
                "values.juice: unknown option 'lemon'");
    }

    @Test
    void lowOnAnOptionsIssueIsRejected() {
        Interests interests = new Interests(Map.of("juice", 100), Map.of("juice", "low"), 3000, null, null);
        expectRejection(fixture.given(created(ORANGE)), new SubmitInterests(ROOM, "anna", interests, 7, AT),
                "values.juice: \"low\" applies only to range issues");
    }

    @Test
    void floorAbove10000IsRejected() {
        Interests interests = new Interests(ANNA.weights(), ANNA.values(), 10001, null, null);
        expectRejection(fixture.given(created(ORANGE)), new SubmitInterests(ROOM, "anna", interests, 7, AT),
                "floor must be an integer from 0 to 10000, got 10001");
    }

    @Test
    void interestsFromAMediatorAreForbidden() {
        fixture.given(created(ORANGE))
                .when(new SubmitInterests(ROOM, "mediator", ANNA, 7, AT))
                .expectException(RoomRejection.class)
                .expectExceptionMessage("mediators cannot submit interests: only parties can")
                .expectNoEvents();
    }

    // --- offers and trades

    @Test
    void offerAppendsOfferMadeInAgendaOrder() {
        fixture.given(created(ORANGE))
                .when(new MakeOffer(ROOM, "anna", Package.of(Map.of("peel", "beth", "juice", "anna")), null, AT))
                .expectEvents(new OfferMade(ROOM, "o1", "anna", JUICE_ANNA_PEEL_BETH, List.of(), AT));
    }

    @Test
    void offerFromMediatorIsRejected() {
        expectRejection(fixture.given(created(ORANGE)), new MakeOffer(ROOM, "mediator", JUICE_ANNA_PEEL_BETH, null, AT),
                "mediators cannot make offers: only parties can");
    }

    @Test
    void offerWithAnUnknownOptionIsRejected() {
        expectRejection(fixture.given(created(ORANGE)),
                new MakeOffer(ROOM, "anna", Package.of(Map.of("juice", "lemon", "peel", "beth")), null, AT),
                "package.juice: unknown option 'lemon'");
    }

    @Test
    void offerMissingAnIssueIsRejected() {
        expectRejection(fixture.given(created(ORANGE)), new MakeOffer(ROOM, "anna", Package.of(Map.of("juice", "anna")), null, AT),
                "package: missing issue 'peel'");
    }

    @Test
    void rangeOptionsMustBeOnTheStep() {
        Package pkg = Package.of(Map.of("price", 4950, "support", "none", "training", "included", "payment", "upfront"));
        expectRejection(fixture.given(created(POS)), new MakeOffer(ROOM, "buyer", pkg, null, AT),
                "package.price: unknown option 4950");
    }

    @Test
    void moreThanTenTermsAreRejected() {
        List<Term> terms = java.util.Collections.nCopies(11, new Term("late", "credit"));
        expectRejection(fixture.given(created(ORANGE)), new MakeOffer(ROOM, "anna", JUICE_ANNA_PEEL_BETH, terms, AT),
                "at most 10 terms in all, got 11");
    }

    @Test
    void tradeAppliesGiveAndGetOnTheReferencedPackageAndKeepsItsTerms() {
        List<Term> base = List.of(new Term("either side gives 60 days notice", "the contract ends at the next quarter"));
        List<Term> own = List.of(new Term("uptime below 99.5%", "10% credit"));
        fixture.given(created(ORANGE), new OfferMade(ROOM, "o1", "anna", HALF_HALF, base, AT))
                .when(new ProposeTrade(ROOM, "beth", "o1", Package.of(Map.of("juice", "anna")), Package.of(Map.of("peel", "beth")), own, AT))
                .expectEvents(new TradeProposed(ROOM, "t1", "beth", "o1", Package.of(Map.of("juice", "anna")), Package.of(Map.of("peel", "beth")),
                        JUICE_ANNA_PEEL_BETH, List.of(base.get(0), own.get(0)), AT));
    }

    @Test
    void tradeOnAnUnknownRefIsRejected() {
        fixture.given(created(ORANGE))
                .when(new ProposeTrade(ROOM, "beth", "o9", Package.of(Map.of("juice", "anna")), Package.EMPTY, null, AT))
                .expectException(RoomRejection.class)
                .expectExceptionMessage("on: unknown ref 'o9'")
                .expectNoEvents();
    }

    @Test
    void tradeWithAnIssueInBothGiveAndGetIsRejected() {
        expectRejection(fixture.given(created(ORANGE), new OfferMade(ROOM, "o1", "anna", HALF_HALF, List.of(), AT)),
                new ProposeTrade(ROOM, "beth", "o1", Package.of(Map.of("juice", "anna")), Package.of(Map.of("juice", "beth")), null, AT),
                "issue 'juice' is in both give and get");
    }

    @Test
    void tradeThatChangesNothingIsRejected() {
        expectRejection(fixture.given(created(ORANGE), new OfferMade(ROOM, "o1", "anna", HALF_HALF, List.of(), AT)),
                new ProposeTrade(ROOM, "beth", "o1", Package.of(Map.of("juice", "half each")), Package.EMPTY, null, AT),
                "the trade changes nothing in the package of 'o1'");
    }

    // --- answers and agreement

    @Test
    void theOtherPartysAcceptReachesAgreement() {
        fixture.given(created(ORANGE), new OfferMade(ROOM, "o1", "anna", JUICE_ANNA_PEEL_BETH, List.of(), AT))
                .when(new Accept(ROOM, "beth", "o1", AT))
                .expectEvents(new Accepted(ROOM, "o1", "beth", AT),
                        new AgreementReached(ROOM, "o1", JUICE_ANNA_PEEL_BETH, List.of(), null, AT),
                        // before any round nothing can be judged: the improvement round is empty
                        new ProposalsComputed(ROOM, 0, false, 0, List.of(), "o1", null, AT, null));
    }

    @Test
    void anAuthorsOwnAcceptIsNotYetAgreement() {
        fixture.given(created(ORANGE), new OfferMade(ROOM, "o1", "anna", JUICE_ANNA_PEEL_BETH, List.of(), AT))
                .when(new Accept(ROOM, "anna", "o1", AT))
                .expectEvents(new Accepted(ROOM, "o1", "anna", AT));
    }

    @Test
    void aLaterRejectReplacesTheAuthorsAcceptance() {
        fixture.given(created(ORANGE), new OfferMade(ROOM, "o1", "anna", JUICE_ANNA_PEEL_BETH, List.of(), AT),
                        new Rejected(ROOM, "o1", "anna", "changed my mind", AT))
                .when(new Accept(ROOM, "beth", "o1", AT))
                .expectEvents(new Accepted(ROOM, "o1", "beth", AT));
    }

    @Test
    void acceptingAnUnknownRefIsRejected() {
        fixture.given(created(ORANGE))
                .when(new Accept(ROOM, "beth", "p1-1", AT))
                .expectException(RoomRejection.class)
                .expectExceptionMessage("ref: unknown ref 'p1-1'")
                .expectNoEvents();
    }

    @Test
    void rejectRecordsTheReason() {
        fixture.given(created(ORANGE), new OfferMade(ROOM, "o1", "anna", HALF_HALF, List.of(), AT))
                .when(new Reject(ROOM, "beth", "o1", "I need the peel", AT))
                .expectEvents(new Rejected(ROOM, "o1", "beth", "I need the peel", AT));
    }

    @Test
    void agreementOnADominatedPackageIsFollowedByAnImprovement() {
        fixture.given(created(ORANGE), submitted("anna", 1, ANNA), submitted("beth", 1, BETH), orangeRound(),
                        new OfferMade(ROOM, "o1", "anna", HALF_HALF, List.of(), AT))
                .when(new Accept(ROOM, "beth", "o1", AT))
                .expectEvents(new Accepted(ROOM, "o1", "beth", AT),
                        new AgreementReached(ROOM, "o1", HALF_HALF, List.of(), true, AT),
                        new ProposalsComputed(ROOM, 1, true, 0,
                                List.of(new ProposedPackage("i1", JUICE_ANNA_PEEL_BETH, "improvement", List.of())), "o1",
                                null, AT, null));
    }

    @Test
    void agreementOnTheFrontierHasNoImprovement() {
        fixture.given(created(ORANGE), submitted("anna", 1, ANNA), submitted("beth", 1, BETH), orangeRound())
                .when(new Accept(ROOM, "anna", "p1-1", AT))
                .expectEvents(new Accepted(ROOM, "p1-1", "anna", AT));
        fixture.given(created(ORANGE), submitted("anna", 1, ANNA), submitted("beth", 1, BETH), orangeRound(),
                        new Accepted(ROOM, "p1-1", "anna", AT))
                .when(new Accept(ROOM, "beth", "p1-1", AT))
                .expectEvents(new Accepted(ROOM, "p1-1", "beth", AT),
                        new AgreementReached(ROOM, "p1-1", JUICE_ANNA_PEEL_BETH, List.of(), false, AT),
                        // an improvement round follows every agreement, so that one with a package reveals nothing
                        new ProposalsComputed(ROOM, 1, false, 0, List.of(), "p1-1", null, AT, null));
    }

    @Test
    void improvementIsJudgedOnTheLastRoundsInterestsNotLaterOnes() {
        // anna later claims to value nothing; the room still judges on the round's interests.
        Interests indifferent = new Interests(Map.of("juice", 100),
                Map.of("juice", Map.of("anna", 0, "half each", 0, "beth", 0)), 0, null, null);
        fixture.given(created(ORANGE), submitted("anna", 1, ANNA), submitted("beth", 1, BETH), orangeRound(),
                        submitted("anna", 2, indifferent), new OfferMade(ROOM, "o1", "anna", HALF_HALF, List.of(), AT))
                .when(new Accept(ROOM, "beth", "o1", AT))
                .expectEvents(new Accepted(ROOM, "o1", "beth", AT),
                        new AgreementReached(ROOM, "o1", HALF_HALF, List.of(), true, AT),
                        new ProposalsComputed(ROOM, 1, true, 0,
                                List.of(new ProposedPackage("i1", JUICE_ANNA_PEEL_BETH, "improvement", List.of())), "o1",
                                null, AT, null));
    }

    // --- idempotency

    @Test
    void aReSentCommandAppendsNothingTheSecondTime() {
        fixture.given(created(ORANGE))
                .andGiven(List.of(new NoteAdded(ROOM, "anna", "hello", AT)))
                .when(new AddNote(ROOM, "anna", "hello", AT), Map.of(RoomAggregate.REQUEST, "anna:abc"))
                .expectEvents(new NoteAdded(ROOM, "anna", "hello", AT));
        fixture.givenCommands(new CreateRoom(ROOM, "mediator", ORANGE, Map.of(), AT))
                .andGivenCommands(List.of(org.axonframework.commandhandling.GenericCommandMessage
                        .asCommandMessage(new AddNote(ROOM, "anna", "hello", AT))
                        .andMetaData(Map.of(RoomAggregate.REQUEST, "anna:abc"))))
                .when(new AddNote(ROOM, "anna", "hello", AT), Map.of(RoomAggregate.REQUEST, "anna:abc"))
                .expectNoEvents()
                .expectResultMessagePayload(2L);
    }

    // --- notes and unseal

    @Test
    void mediatorsMayAddNotes() {
        fixture.given(created(ORANGE))
                .when(new AddNote(ROOM, "mediator", "Let us look at the peel.", AT))
                .expectEvents(new NoteAdded(ROOM, "mediator", "Let us look at the peel.", AT));
    }

    @Test
    void emptyNoteIsRejected() {
        expectRejection(fixture.given(created(ORANGE)), new AddNote(ROOM, "anna", " ", AT), "text is required");
    }

    @Test
    void noteOver4000CharactersIsRejected() {
        expectRejection(fixture.given(created(ORANGE)), new AddNote(ROOM, "anna", "x".repeat(4001), AT),
                "text must be at most 4000 characters, got 4001");
    }

    @Test
    void unsealAppendsOnceOnly() {
        fixture.given(created(ORANGE))
                .when(new UnsealInterests(ROOM, "anna", AT))
                .expectEvents(new InterestsUnsealed(ROOM, "anna", AT));
        expectRejection(fixture.given(created(ORANGE), new InterestsUnsealed(ROOM, "anna", AT)),
                new UnsealInterests(ROOM, "anna", AT), "your interests are already unsealed");
    }

    @Test
    void anErasureWithdrawsTheUnsealSoItMayBeSentAgain() {
        fixture.given(created(ORANGE), new InterestsUnsealed(ROOM, "anna", AT), new PrivateDataErased(ROOM, "anna", AT))
                .when(new UnsealInterests(ROOM, "anna", AT))
                .expectEvents(new InterestsUnsealed(ROOM, "anna", AT));
    }

    @Test
    void mediatorsHaveNoInterestsToUnseal() {
        expectRejection(fixture.given(created(ORANGE)), new UnsealInterests(ROOM, "mediator", AT),
                "mediators cannot unseal interests: only parties can");
    }

    private static void expectRejection(org.axonframework.test.aggregate.TestExecutor<RoomAggregate> given,
                                        Object command, String message) {
        given.when(command)
                .expectException(RoomRejection.class)
                .expectExceptionMessage(message)
                .expectNoEvents();
    }
}
