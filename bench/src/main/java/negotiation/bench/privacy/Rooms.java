package negotiation.bench.privacy;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import negotiation.commands.CreateRoom;
import negotiation.commands.RoomCommand;
import negotiation.commands.SubmitInterests;
import negotiation.events.Agenda;
import negotiation.events.Interests;
import negotiation.events.PrivacyLevel;
import negotiation.events.ProposalsComputed;
import negotiation.room.FloorBands;
import negotiation.room.RoomAggregate;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * The real room aggregate (the server's {@link RoomAggregate}, its engine and its rules) on Axon's
 * command bus with an in-memory event store: what the server runs, minus the sockets and the
 * database. Each room is one negotiation; a round is what the aggregate appends.
 */
final class Rooms implements AutoCloseable {
    static final Instant AT = Instant.parse("2026-11-29T12:00:00Z");

    /** The aggregate's field holding its floor privacy, and that one's map of each party's band in the last round. */
    private static final String PRIVACY_FIELD = "floorPrivacy";
    private static final String BANDS_FIELD = "bands";

    private final Configuration axon;
    /**
     * Each room's events not read yet, as the event store publishes them: the in-memory store reads
     * a room's events by scanning every room's, which made the bench quadratic in the rooms it opens.
     */
    private final Map<String, List<Object>> unread = new ConcurrentHashMap<>();
    private int rooms;
    private PrivacyLevel level;

    Rooms() {
        System.setProperty("disable-axoniq-console-message", "true");
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(AggregateConfigurer.defaultConfiguration(RoomAggregate.class)
                        .configureCommandTargetResolver(c -> message -> new VersionedAggregateIdentifier(
                                ((RoomCommand) message.getPayload()).roomId(), null))
                        .configureCache(c -> new StrongCache()))
                .buildConfiguration();
        axon.start();
        axon.eventStore().subscribe(messages -> messages.forEach(m -> {
            if (m instanceof DomainEventMessage<?> event) {
                unread.computeIfAbsent(event.getAggregateIdentifier(), r -> new ArrayList<>()).add(event.getPayload());
            }
        }));
    }

    /** A new room on the agenda; its id. */
    String open(Agenda agenda) {
        return open(agenda, level);
    }

    /** The privacy level of the rooms {@link #open(Agenda)} opens from now on (null: the room's default). */
    void level(PrivacyLevel level) {
        this.level = level;
    }

    /** A new room at this privacy level (null: the default); its id. */
    String open(Agenda agenda, PrivacyLevel privacy) {
        String id = "r" + (++rooms);
        send(new CreateRoom(id, "mediator", agenda, Map.of(), AT, privacy, null));
        return id;
    }

    /** Submits each party's interests in agenda order (the last completes the round); the round appended. */
    ProposalsComputed round(String room, Agenda agenda, List<Interests> interests, long seed) {
        for (int party = 0; party < interests.size(); party++) {
            send(new SubmitInterests(room, agenda.parties().get(party), interests.get(party), seed, AT));
        }
        List<Object> events = newEvents(room);
        Object last = events.get(events.size() - 1);
        if (!(last instanceof ProposalsComputed round)) throw new IllegalStateException("no round appended: " + last);
        return round;
    }

    /** Sends any command to the room (offers, answers, amendments, narrowing); its result. */
    Object send(RoomCommand command) {
        return axon.commandGateway().sendAndWait(command);
    }

    /** The events the room appended since the last read of it. */
    List<Object> newEvents(String room) {
        List<Object> events = unread.remove(room);
        return events == null ? new ArrayList<>() : events;
    }

    /**
     * The band the room's last round used for this party's floor, read from the aggregate's state:
     * what the bench tells the adversary (more than the rounds show it, so widths measured from it
     * are a lower bound on what it cannot rule out).
     */
    FloorBands.Band band(String room, String party) {
        DefaultUnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
        try {
            Aggregate<RoomAggregate> aggregate = axon.repository(RoomAggregate.class).load(room);
            return aggregate.invoke(root -> {
                try {
                    Object floorPrivacy = read(root, PRIVACY_FIELD);
                    return (FloorBands.Band) ((Map<?, ?>) read(floorPrivacy, BANDS_FIELD)).get(party);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("the room's bands are not where the bench reads them", e);
                }
            });
        } finally {
            unit.commit();
        }
    }

    /** A field of the object or of one of its superclasses. */
    private static Object read(Object object, String name) throws ReflectiveOperationException {
        for (Class<?> type = object.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(object);
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(name);
    }

    /**
     * Keeps every room's aggregate in memory: Axon's weak cache let the collector drop them, and
     * each reload replays (and re-cuts) every earlier round, which made the bench quadratic.
     */
    private static final class StrongCache implements Cache {
        private final Map<Object, Object> entries = new ConcurrentHashMap<>();

        @Override
        @SuppressWarnings("unchecked")
        public <K, V> V get(K key) {
            return (V) entries.get(key);
        }

        @Override
        public void put(Object key, Object value) {
            entries.put(key, value);
        }

        @Override
        public boolean putIfAbsent(Object key, Object value) {
            return entries.putIfAbsent(key, value) == null;
        }

        @Override
        public boolean remove(Object key) {
            return entries.remove(key) != null;
        }

        @Override
        public boolean containsKey(Object key) {
            return entries.containsKey(key);
        }

        @Override
        public Registration registerCacheEntryListener(EntryListener listener) {
            return () -> true;
        }
    }

    @Override
    public void close() {
        axon.shutdown();
    }
}
