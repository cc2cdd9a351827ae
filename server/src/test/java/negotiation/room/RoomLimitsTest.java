package negotiation.room;

import static negotiation.room.RoomAggregateTest.AT;
import static negotiation.room.RoomAggregateTest.ORANGE;
import static negotiation.room.RoomAggregateTest.ROOM;
import static negotiation.room.RoomAggregateTest.created;
import static negotiation.room.RoomAggregateTest.submitted;
import static negotiation.room.RoomAggregateWorkspaceTest.ADD_ZEST;
import static negotiation.room.RoomAggregateWorkspaceTest.ANNA;
import static negotiation.room.RoomAggregateWorkspaceTest.HALF;
import static negotiation.room.RoomAggregateWorkspaceTest.JUICE_ANNA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import negotiation.commands.AddNote;
import negotiation.commands.Amend;
import negotiation.commands.ErasePrivateData;
import negotiation.commands.MakeOffer;
import negotiation.commands.ProposeTrade;
import negotiation.commands.RoomCommand;
import negotiation.commands.Suggest;
import negotiation.events.AgendaAmended;
import negotiation.events.AmendmentProposed;
import negotiation.events.MediatorSuggested;
import negotiation.events.NoteAdded;
import negotiation.events.OfferMade;
import negotiation.events.Package;
import negotiation.events.PrivateDataErased;
import negotiation.events.Rejected;
import negotiation.events.Withdrawn;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The room's bounds (docs/protocol.md, "Limits of a room"): each per-role count and each room
 * total refuses the next command with {@code too_large}, a message naming the limit and what to
 * do, and nothing appended; a freed place (a withdrawal, a rejection, an amended agenda) is
 * usable again, and an erasure is never refused.
 */
class RoomLimitsTest {
    private static final negotiation.events.AgendaChange ADD_RIND = new negotiation.events.AgendaChange(
            new negotiation.events.Issue("rind", "Who gets the rind", null, List.of("anna", "beth"), null), null);
    private static final String[] PROPERTIES = {"maxNotes", "maxEvents", "maxBytes", "maxSuggestions"};
    FixtureConfiguration<RoomAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RoomAggregate.class);
        fixture.registerCommandTargetResolver(
                message -> new VersionedAggregateIdentifier(((RoomCommand) message.getPayload()).roomId(), null));
    }

    @AfterEach
    void clearProperties() {
        for (String name : PROPERTIES) {
            System.clearProperty(RoomLimits.PROPERTY_PREFIX + name);
        }
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertEquals(new RoomLimits(20, 50, 2_000, 200, 20_000, 20_000_000), RoomLimits.configured());
        System.setProperty(RoomLimits.PROPERTY_PREFIX + "maxEvents", "0");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, RoomLimits::configured);
        assertEquals("negotiation.room.maxEvents must be an integer from 1 to 2147483647, got '0'", bad.getMessage());
    }

    @Test
    void aPartyWithFiftyOpenOffersMustWithdrawOneFirst() {
        List<Object> history = new ArrayList<>(List.of(created(ORANGE)));
        for (int i = 1; i <= 50; i++) {
            history.add(new OfferMade(ROOM, "o" + i, "anna", JUICE_ANNA, List.of(), AT));
        }
        refused(fixture.given(history), new MakeOffer(ROOM, "anna", HALF, List.of(), AT),
                "you have 50 offers and trades open, the limit of a party (maxOpenDeals 50): withdraw one of them first");
        refused(fixture.given(history), new ProposeTrade(ROOM, "anna", "o1", Package.of(java.util.Map.of("juice", "beth")),
                null, List.of(), AT), "you have 50 offers and trades open, the limit of a party (maxOpenDeals 50): "
                + "withdraw one of them first");
        fixture.given(history).when(new MakeOffer(ROOM, "beth", HALF, List.of(), AT))
                .expectEvents(new OfferMade(ROOM, "o51", "beth", HALF, List.of(), AT));
        history.add(new Withdrawn(ROOM, "o7", "anna", AT));
        fixture.given(history).when(new MakeOffer(ROOM, "anna", HALF, List.of(), AT))
                .expectEvents(new OfferMade(ROOM, "o51", "anna", HALF, List.of(), AT));
    }

    @Test
    void aRoleWithTwentyPendingAmendmentsWaitsForAnAnswer() {
        List<Object> history = new ArrayList<>(List.of(created(ORANGE)));
        for (int i = 1; i <= 20; i++) {
            history.add(new AmendmentProposed(ROOM, "a" + i, "mediator", List.of(ADD_ZEST), null, 1, AT));
        }
        refused(fixture.given(history), new Amend(ROOM, "mediator", List.of(ADD_ZEST), null, AT),
                "you have 20 amendments pending, the limit of a role (maxPendingAmendments 20): wait until the parties "
                        + "agree or reject one (a rejection closes it)");
        fixture.given(history).when(new Amend(ROOM, "anna", List.of(ADD_ZEST), null, AT))
                .expectEvents(new AmendmentProposed(ROOM, "a21", "anna", List.of(ADD_ZEST), null, 1, AT));
        List<Object> rejected = new ArrayList<>(history);
        rejected.add(new Rejected(ROOM, "a3", "beth", null, AT));
        fixture.given(rejected).when(new Amend(ROOM, "mediator", List.of(ADD_ZEST), null, AT))
                .expectEvents(new AmendmentProposed(ROOM, "a21", "mediator", List.of(ADD_ZEST), null, 1, AT));
        List<Object> amended = new ArrayList<>(history);
        amended.add(new AgendaAmended(ROOM, "a1", RoomAggregateWorkspaceTest.withZest(), 2, AT));
        fixture.given(amended).when(new Amend(ROOM, "mediator", List.of(ADD_RIND), null, AT))
                .expectEvents(new AmendmentProposed(ROOM, "a21", "mediator", List.of(ADD_RIND),
                        null, 2, AT));
    }

    @Test
    void aRoleThatWroteItsNotesIsRefusedOthersAreNot() {
        System.setProperty(RoomLimits.PROPERTY_PREFIX + "maxNotes", "3");
        List<Object> history = new ArrayList<>(List.of(created(ORANGE)));
        for (int i = 0; i < 3; i++) {
            history.add(new NoteAdded(ROOM, "beth", "note " + i, AT));
        }
        refused(fixture.given(history), new AddNote(ROOM, "beth", "one more", AT),
                "you wrote 3 notes in this room, the limit of a role (maxNotes 3): no more notes can be added here; "
                        + "gather your points in fewer, longer notes");
        refused(fixture.given(history), new AddNote(ROOM, "beth", "a caucus", AT, "mediator", "00".repeat(32)),
                "you wrote 3 notes in this room, the limit of a role (maxNotes 3): no more notes can be added here; "
                        + "gather your points in fewer, longer notes");
        fixture.given(history).when(new AddNote(ROOM, "anna", "mine", AT))
                .expectEvents(new NoteAdded(ROOM, "anna", "mine", AT));
    }

    @Test
    void suggestionsAreBoundedPerRoom() {
        System.setProperty(RoomLimits.PROPERTY_PREFIX + "maxSuggestions", "2");
        List<Object> history = List.of(created(ORANGE),
                new MediatorSuggested(ROOM, "m1", HALF, List.of(), null, AT),
                new MediatorSuggested(ROOM, "m2", HALF, List.of(), null, AT));
        refused(fixture.given(history), new Suggest(ROOM, "mediator", JUICE_ANNA, List.of(), null, AT),
                "this room has 2 suggestions, its limit (maxSuggestions 2): no more suggestions can be added; "
                        + "a note can still describe a package");
    }

    @Test
    void aFullRoomTakesNothingMoreButAnErasure() {
        System.setProperty(RoomLimits.PROPERTY_PREFIX + "maxEvents", "3");
        List<Object> history = List.of(created(ORANGE), submitted("anna", 1, ANNA), new NoteAdded(ROOM, "beth", "x", AT));
        refused(fixture.given(history), new AddNote(ROOM, "beth", "y", AT),
                "this room holds 3 events, its limit (maxEvents 3): nothing more can be added; export it and "
                        + "continue in a new room");
        fixture.given(history).when(new ErasePrivateData(ROOM, "anna", AT))
                .expectEvents(new PrivateDataErased(ROOM, "anna", AT));
        fixture.given(history.subList(0, 2)).when(new AddNote(ROOM, "beth", "y", AT))
                .expectEvents(new NoteAdded(ROOM, "beth", "y", AT));
    }

    @Test
    void aCommandThatWouldPassTheRoomsBytesIsRefusedWhole() {
        // RoomCreated's public form for the orange agenda is a few hundred bytes; a 4000-character note passes 4000.
        System.setProperty(RoomLimits.PROPERTY_PREFIX + "maxBytes", "4000");
        fixture.given(created(ORANGE)).when(new AddNote(ROOM, "beth", "short", AT))
                .expectEvents(new NoteAdded(ROOM, "beth", "short", AT));
        fixture.given(created(ORANGE)).when(new AddNote(ROOM, "beth", "x".repeat(4000), AT))
                .expectException(new Code("too_large", "over its limit (maxBytes 4000)"))
                .expectNoEvents();
    }

    private static void refused(TestExecutor<RoomAggregate> given, Object command, String message) {
        given.when(command).expectException(new Code("too_large", message)).expectNoEvents();
    }

    /** A refusal with this code whose message contains the text. */
    private static final class Code extends TypeSafeMatcher<Throwable> {
        private final String code;
        private final String text;

        Code(String code, String text) {
            this.code = code;
            this.text = text;
        }

        @Override
        protected boolean matchesSafely(Throwable item) {
            return item instanceof RoomRejection r && r.code().equals(code) && r.getMessage().contains(text);
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("a RoomRejection " + code + " containing '" + text + "'");
        }
    }
}
