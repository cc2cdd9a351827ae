package negotiation.bench.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import negotiation.commands.CreateRoom;
import negotiation.commands.RoomCommand;
import negotiation.commands.SubmitInterests;
import negotiation.events.Agenda;
import negotiation.events.Interests;
import negotiation.events.ProposalsComputed;
import negotiation.room.RoomAggregate;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * The real room aggregate (the server's {@link RoomAggregate}, its engine and its rules) on Axon's
 * command bus with an in-memory event store: what the server runs, minus the sockets and the
 * database. Each room is one negotiation; a round is what the aggregate appends.
 */
final class Rooms implements AutoCloseable {
    private static final Instant AT = Instant.parse("2026-11-29T12:00:00Z");

    private final Configuration axon;
    private final Map<String, Long> eventsRead = new HashMap<>();
    private int rooms;

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
    }

    /** A new room on the agenda; its id. */
    String open(Agenda agenda) {
        String id = "r" + (++rooms);
        send(new CreateRoom(id, "mediator", agenda, Map.of(), AT));
        return id;
    }

    /** Submits each party's interests in agenda order (the last completes the round); the round appended. */
    ProposalsComputed round(String room, Agenda agenda, List<Interests> interests, long seed) {
        for (int party = 0; party < interests.size(); party++) {
            send(new SubmitInterests(room, agenda.parties().get(party), interests.get(party), seed, AT));
        }
        List<Object> events = new ArrayList<>();
        DomainEventStream stream = axon.eventStore().readEvents(room, eventsRead.getOrDefault(room, 0L));
        stream.forEachRemaining(e -> events.add(e.getPayload()));
        eventsRead.merge(room, (long) events.size(), Long::sum);
        Object last = events.get(events.size() - 1);
        if (!(last instanceof ProposalsComputed round)) throw new IllegalStateException("no round appended: " + last);
        return round;
    }

    private void send(RoomCommand command) {
        axon.commandGateway().sendAndWait(command);
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
