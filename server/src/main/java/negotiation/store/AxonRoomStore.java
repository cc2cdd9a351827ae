package negotiation.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import negotiation.commands.ErasePrivateData;
import negotiation.commands.RoomCommand;
import negotiation.events.RoomEvent;
import negotiation.readmodel.RoomLog;
import negotiation.history.HistoryLink;
import negotiation.history.LoggedEvent;
import negotiation.room.RoomAggregate;
import negotiation.room.RoomCommands;
import negotiation.room.RoomRejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The event store: Axon Framework's JDBC storage engine on an embedded H2 file database (or
 * PostgreSQL), Jackson-serialised events whose private fields are sealed per party, one
 * event-sourced {@link RoomAggregate} per room, snapshots every N events ({@link AxonWiring}).
 * A room's seq is Axon's aggregate sequence number plus one.
 */
public final class AxonRoomStore implements RoomCommands, RoomLog, AutoCloseable {
    private static final int CONFLICT_ATTEMPTS = 5;
    /** Whether the command running on this thread has waited for its batch's force already. */
    private static final ThreadLocal<Boolean> SYNCED = ThreadLocal.withInitial(() -> false);
    /** The unit-of-work resource that collects a commit's events until it has committed. */
    private static final String COMMITTED_EVENTS = AxonRoomStore.class.getName() + ".committedEvents";
    private final DataSource pool;
    private final JdbcEventStorageEngine storage;
    private final Configuration axon;
    private final CommandGateway gateway;
    private final PartyKeys keys;
    /** H2's file housekeeping; null on PostgreSQL, which vacuums by itself. */
    private final H2FileCompaction compaction;
    /** The H2 data directory, marked open until this store is closed ({@link H2Leftovers}); null on PostgreSQL. */
    private final Path openMark;
    /**
     * Forces the H2 file to the disk after each batch of commits, before their acks, when the
     * server runs with {@code --fsync}; else null, and an ack survives a crash of this process
     * (the commit is in the operating system's cache), not a power loss. Null on PostgreSQL too,
     * whose commit returns once its WAL is flushed.
     */
    private final GroupSync durable;
    /** Whether the storage takes writes now; refuses commands and reads at once while it does not. */
    private final StoreHealth health;
    /** On H2, refuses commands while the file is at its bound or the disk almost full; null on PostgreSQL. */
    private final StoreGuard guard;
    /** Told, after each commit, the events it made durable, per room in seq order. */
    private volatile BiConsumer<String, List<LoggedEvent>> committed = (room, events) -> { };

    private AxonRoomStore(DataSource pool, JdbcEventStorageEngine storage, Configuration axon, PartyKeys keys,
                          H2FileCompaction compaction, Path openMark, boolean fsync, StoreHealth health,
                          StoreGuard guard) {
        this.health = health;
        this.guard = guard;
        this.keys = keys;
        this.compaction = compaction;
        this.openMark = openMark;
        this.durable = fsync ? new GroupSync(() -> H2Files.force(pool)) : null;
        this.pool = pool;
        this.storage = storage;
        this.axon = axon;
        this.gateway = axon.commandGateway();
        axon.eventBus().registerDispatchInterceptor(messages -> {
            collectUntilCommitted(messages);
            return (index, message) -> message;
        });
    }

    /**
     * Who is told, after each commit, the events it made durable: per room, in seq order, on the
     * committing thread before the command's answer, so a room's in-memory history has them
     * before anyone hears of the new seq ({@link negotiation.readmodel.RoomHistories#committed}).
     */
    public void onCommitted(BiConsumer<String, List<LoggedEvent>> listener) {
        committed = listener;
    }

    /** Keeps the events a unit of work publishes; once it has committed (never on a rollback), tells them. */
    private void collectUntilCommitted(List<? extends EventMessage<?>> messages) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<DomainEventMessage<?>> events = root.getOrComputeResource(COMMITTED_EVENTS, key -> {
            List<DomainEventMessage<?>> list = new ArrayList<>();
            // Under the room's lock still: its next command waits, so the history gets its events in order.
            root.afterCommit(u -> {
                try {
                    awaitDurable();
                } finally {
                    // Committed whether or not the force succeeded (Axon swallows a failure here; the
                    // command's own wait in send reports it): the history must have these events.
                    tell(list);
                }
            });
            return list;
        });
        for (EventMessage<?> message : messages) {
            if (message instanceof DomainEventMessage<?> event) {
                events.add(event);
            }
        }
    }

    private void awaitDurable() {
        if (durable != null) {
            durable.awaitDurable();
            SYNCED.set(true);
        }
    }

    /** Runs one H2 file compaction pass now, as the timer would; false when writes in flight kept it waiting. */
    boolean compactNow() throws Exception {
        return compaction.compact();
    }

    /** How many times the H2 file was forced to the disk (0 on PostgreSQL or with the sync off). */
    long forces() {
        return durable == null ? 0 : durable.forces();
    }

    private void tell(List<DomainEventMessage<?>> events) {
        Map<String, List<LoggedEvent>> byRoom = new LinkedHashMap<>();
        for (DomainEventMessage<?> event : events) {
            byRoom.computeIfAbsent(event.getAggregateIdentifier(), room -> new ArrayList<>()).add(logged(event));
        }
        byRoom.forEach(committed);
    }

    /**
     * A stored event as the room's log shows it: seq is Axon's sequence number plus one, with its
     * link in the hash chain as the aggregate stored it (none on events stored before).
     */
    private static LoggedEvent logged(DomainEventMessage<?> message) {
        return new LoggedEvent(message.getSequenceNumber() + 1, (RoomEvent) message.getPayload(),
                Objects.toString(message.getMetaData().get(HistoryLink.PUBLIC), null),
                Objects.toString(message.getMetaData().get(HistoryLink.HASH), null));
    }

    /** Opens (creating if needed) the store in {@code dataDirectory}; the caller holds its lock. */
    public static AxonRoomStore open(Path dataDirectory, int snapshotEvery) {
        return open(new Database.H2(dataDirectory), snapshotEvery);
    }

    /** Opens the store on a database, creating or migrating its tables first ({@link StoreSchema}). */
    public static AxonRoomStore open(Database database, int snapshotEvery) {
        System.setProperty("disable-axoniq-console-message", "true");
        StoreHealth health = new StoreHealth(database instanceof Database.H2 h2 ? h2.dataDirectory() : null);
        OpenedDatabase opened = OpenedDatabase.open(database, health);
        AxonWiring wiring = AxonWiring.start(database, opened, snapshotEvery, health);
        return new AxonRoomStore(opened.pool(), wiring.storage(), wiring.axon(), opened.keys(), opened.compaction(),
                opened.openMark(), database instanceof Database.H2 h2 && h2.fsync(), health,
                database instanceof Database.H2 h2 ? new StoreGuard(h2.dataDirectory(), h2.bound()) : null);
    }

    /**
     * Sends a command; a conflict (another node appended to the room at the same moment) is
     * retried on the room's new state a few times before it is reported.
     */
    @Override
    public long send(RoomCommand command, String request) {
        CommandMessage<RoomCommand> message = GenericCommandMessage.asCommandMessage(command);
        if (request != null) {
            message = message.andMetaData(Map.of(RoomAggregate.REQUEST, request));
        }
        CommandMessage<RoomCommand> sent = message;
        health.checkWritable();
        if (guard != null && !(command instanceof ErasePrivateData)) {
            guard.checkRoom(); // an erasure is one small event, and a party's right that a bound must not hold back
        }
        for (int attempt = 1; ; attempt++) {
            try {
                SYNCED.set(false);
                // on H2 the unit of work holds the compaction gate while it writes (AxonWiring#writeGate)
                Object result = gateway.sendAndWait(sent);
                if (!SYNCED.get()) {
                    awaitDurable(); // a re-sent command appends nothing, but its first events are acked now
                }
                return result instanceof Long seq ? seq : 1L;
            } catch (RuntimeException e) {
                RuntimeException failure = StoreFailures.translate(e instanceof CommandExecutionException && e.getCause() != null
                        ? e.getCause() : e);
                if (!(failure instanceof RoomRejection) && StoreHealth.classify(e).isPresent()) {
                    failure = health.failed(e, true); // the storage failed: unavailable, and the store with it
                }
                if (!(failure instanceof RoomRejection r && r.code().equals("conflict")) || attempt == CONFLICT_ATTEMPTS
                        || command instanceof negotiation.commands.CreateRoom) {
                    throw failure;
                }
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(5, 20) * (long) attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RoomRejection("conflict", "interrupted while retrying a conflict");
        }
    }

    @Override
    public void shred(String roomId, String party) {
        health.checkWritable();
        try {
            keys.destroy(roomId, party);
        } catch (RuntimeException e) {
            throw health.failed(e, true);
        }
    }

    @Override
    public List<LoggedEvent> read(String roomId, long after) {
        health.checkReadable();
        try {
            List<LoggedEvent> events = new ArrayList<>();
            DomainEventStream stream = storage.readEvents(roomId, after);
            while (stream.hasNext()) {
                events.add(logged(stream.next()));
            }
            return events;
        } catch (RuntimeException e) {
            throw health.failed(e, false);
        }
    }

    /**
     * One query, the same on H2 and PostgreSQL: the last {@code window} rows by global index (the
     * primary key, read backwards), grouped by room; a room's last seq there is its last seq.
     */
    @Override
    public List<RoomSize> recentlyAppended(int rooms, long window) {
        String sql = "SELECT aggregateIdentifier, MAX(sequenceNumber) AS lastSequence, MAX(globalIndex) AS lastIndex"
                + " FROM (SELECT aggregateIdentifier, sequenceNumber, globalIndex FROM DomainEventEntry"
                + " ORDER BY globalIndex DESC LIMIT ?) recent"
                + " GROUP BY aggregateIdentifier ORDER BY lastIndex DESC LIMIT ?";
        List<RoomSize> found = new ArrayList<>();
        try (Connection connection = pool.getConnection(); var select = connection.prepareStatement(sql)) {
            select.setLong(1, window);
            select.setInt(2, rooms);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(new RoomSize(rows.getString(1), rows.getLong(2) + 1));
                }
            }
        } catch (SQLException e) {
            health.observe(e);
            throw new IllegalStateException("cannot list the recently appended rooms", e);
        }
        return found;
    }

    /**
     * Takes a consistent backup of the H2 store into {@code target} while the server serves
     * ({@link Backup}); blocking. On PostgreSQL, pg_dump does this (docs/operating.md).
     */
    public Backup.Manifest backup(Path target) throws java.io.IOException, SQLException {
        if (compaction == null) {
            throw new UnsupportedOperationException("the store is PostgreSQL: back it up with pg_dump");
        }
        health.checkReadable();
        return Backup.take(pool, target);
    }

    /** Whether the storage takes writes now, and why not. */
    public StoreHealth health() {
        return health;
    }

    /** Why commands are refused now (the storage fails, or the store is at its bound), for readiness; null if they are not. */
    public String notReadyReason() {
        String failing = health.notReadyReason();
        return failing != null || guard == null ? failing : guard.notReadyReason();
    }

    /** The command bus, for tests that look inside a command's handling. */
    org.axonframework.commandhandling.CommandBus commandBus() {
        return axon.commandBus();
    }

    /** The storage engine, for tests that append behind the command bus's back. */
    JdbcEventStorageEngine storage() {
        return storage;
    }

    @Override
    public void close() {
        health.close();
        if (guard != null) {
            guard.close();
        }
        axon.shutdown();
        if (compaction != null) {
            compaction.close();
        }
        try {
            if (pool instanceof JdbcConnectionPool h2) {
                h2.dispose();
                H2Leftovers.markClosed(openMark);
            } else if (pool instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the database pool", e);
        }
    }

}
