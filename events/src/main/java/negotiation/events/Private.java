package negotiation.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component of the contract as private: the one declaration of what is private in
 * a room. From it, and from nothing else, follow: on a stored event, that the component is sealed at
 * rest under its party's key (and erased with it); on an event's view data
 * ({@link negotiation.wire.eventdata.EventData}), that the public form, which the room's hash chain
 * covers, leaves it out, and which roles a view may show it to ({@link #value}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Private {
    /** Who may read the component; every private component is left out of the public form. */
    Readers value();

    /**
     * The component is private only when the record's component of this name is set: a stored
     * note's text is private when the note has an addressee ({@code to}), public otherwise. Empty: always.
     */
    String when() default "";

    /** The roles a private component may be shown to. */
    enum Readers {
        /** The party the record names ({@code party}), and mediators once that party unsealed. */
        PARTY,
        /** A caucus note's author and addressee, and mediators. */
        CORRESPONDENTS,
        /** Every role of the room: only the public form leaves it out (e.g. that a submission was erased). */
        ROLES,
        /**
         * Computed for the viewer from the interests it may read (a party's own; a mediator's, those
         * of the parties that unsealed): utilities, outcomes, yardsticks.
         */
        VIEWER,
        /**
         * A map by party name whose each entry is that party's alone: sealed at rest under that party's
         * key (and erased with it); shown to that party, and to mediators once it unsealed.
         */
        EACH_PARTY
    }
}
