package negotiation.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import negotiation.Json;
import negotiation.commands.RoomCommand;
import negotiation.events.RoomEvent;
import negotiation.readmodel.RoomLog;
import negotiation.room.HistoryLink;
import negotiation.room.LoggedEvent;
import negotiation.room.RoomAggregate;
import negotiation.room.RoomCommands;
import negotiation.room.RoomRejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The event store: Axon Framework's JDBC storage engine on an embedded H2 file database,
 * Jackson-serialised events whose private fields are sealed per party ({@link SealingSerializer}),
 * one event-sourced {@link RoomAggregate} per room, snapshots every N events. A room's seq is
 * Axon's aggregate sequence number plus one.
 */
public final class AxonRoomStore implements RoomCommands, RoomLog, AutoCloseable {
    private static final int CONFLICT_ATTEMPTS = 5;
    private static final int READ_BATCH = 2_000;
    /** Rooms held in memory between commands (as many as the web layer keeps histories of). */
    private static final long CACHED_ROOMS = 10_000;
    private static final Executor SNAPSHOTS = java.util.concurrent.Executors.newFixedThreadPool(2,
            runnable -> {
                Thread thread = new Thread(runnable, "room-snapshots");
                thread.setDaemon(true);
                return thread;
            });
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
    /** Set on the snapshot threads, so a failed snapshot's storage failure is seen ({@link #persistenceFailure}). */
    private static final ThreadLocal<Boolean> SNAPSHOTTING = ThreadLocal.withInitial(() -> false);
    /** Told, after each commit, the events it made durable, per room in seq order. */
    private volatile BiConsumer<String, List<LoggedEvent>> committed = (room, events) -> { };

    private AxonRoomStore(DataSource pool, JdbcEventStorageEngine storage, Configuration axon, PartyKeys keys,
                          H2FileCompaction compaction, Path openMark, boolean fsync, StoreHealth health) {
        this.health = health;
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
        DataSource pool = opened.pool();
        PartyKeys keys = opened.keys();
        H2FileCompaction compaction = opened.compaction();
        Path openMark = opened.openMark();
        ConnectionProvider connections = new UnitOfWorkAwareConnectionProviderWrapper(
                new DataSourceConnectionProvider(pool));
        TransactionManager transactions = new UnitOfWorkTransactions(connections);
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(Json.MAPPER.copy()).build();
        serializer.getObjectMapper().registerModule(MetaDataReader.module()); // after Axon's own, so it is used
        // outermost: events are stored under their stable names, sealing sees the classes' names
        Serializer sealing = new StableTypeNames(new SealingSerializer(serializer, Json.MAPPER, keys));
        JdbcEventStorageEngine storage = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactions)
                .eventSerializer(sealing)
                .snapshotSerializer(sealing)
                // A room is read in queries of this many events (Axon's default is 100): a cold
                // replay of 10,000 events took 100 round trips through H2's SQL layer.
                .batchSize(READ_BATCH)
                // SQLState 23505 is a unique violation in H2 and PostgreSQL alike: two appends raced
                // for the same (room, sequence number), which Axon then reports as a concurrency conflict.
                .persistenceExceptionResolver(failure -> persistenceFailure(failure, health))
                // A snapshot of an older revision of the aggregate is skipped and the room replays its
                // events instead (the configurer's own filter does not reach an engine built here).
                .snapshotFilter(RevisionSnapshotFilter.builder()
                        .type(RoomAggregate.class.getSimpleName())
                        .revision(RoomAggregate.class.getAnnotation(Revision.class).value())
                        .build())
                .build();
        Executor snapshots = snapshots(compaction, health);
        Configuration axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> sealing)
                .configureMessageSerializer(c -> serializer)
                .configureTransactionManager(c -> transactions)
                // events carry their command's request key, so a re-sent command is recognised after a reload
                .configureCorrelationDataProviders(c -> List.of(new MessageOriginProvider(),
                        new SimpleCorrelationDataProvider(RoomAggregate.REQUEST)))
                .configureEmbeddedEventStore(c -> storage)
                .configureCommandBus(c -> {
                    SimpleCommandBus bus = SimpleCommandBus.builder().transactionManager(transactions).build();
                    // copies the correlation data (our request key) from each command onto its events
                    bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(c.correlationDataProviders()));
                    return bus;
                })
                .configureSnapshotter(c -> AggregateSnapshotter.builder()
                        .eventStore(c.eventStore())
                        .aggregateFactories(List.of(new GenericAggregateFactory<>(RoomAggregate.class)))
                        .transactionManager(NoTransactionManager.INSTANCE)
                        .repositoryProvider(c::repository)
                        // Not on the command's thread: that thread still holds its connection, and
                        // under load every worker would wait for a second one (found by a load test).
                        .executor(snapshots)
                        .build())
                .configureAggregate(AggregateConfigurer.defaultConfiguration(RoomAggregate.class)
                        .configureCache(c -> aggregateCache(database))
                        .configureCommandTargetResolver(c -> message -> new VersionedAggregateIdentifier(
                                ((RoomCommand) message.getPayload()).roomId(), null))
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                                c.snapshotter(), snapshotEvery)))
                .buildConfiguration();
        axon.start();
        return new AxonRoomStore(pool, storage, axon, keys, compaction, openMark,
                database instanceof Database.H2 h2 && h2.fsync(), health);
    }

    /**
     * Axon's hook on a failed append or snapshot: a duplicate key is a conflict; a snapshot's
     * storage failure is recorded here, where it is seen (Axon only logs a failed snapshot), so
     * the log names its root cause. A command's own failure is recorded where it is answered.
     */
    private static boolean persistenceFailure(Exception failure, StoreHealth health) {
        if (SNAPSHOTTING.get()) {
            health.observe(failure);
        }
        return StoreFailures.isDuplicateKey(failure);
    }

    /**
     * Where snapshots are taken and stored. Not on the command's thread: that thread still holds
     * its connection, and under load every worker would wait for a second one (found by a load
     * test). On H2 a snapshot is a write, so no compaction pass runs while it is stored.
     */
    private static Executor snapshots(H2FileCompaction compaction, StoreHealth health) {
        return task -> SNAPSHOTS.execute(() -> {
            if (health.outage().isPresent()) {
                return; // a snapshot only saves replaying; it is taken again after later events
            }
            SNAPSHOTTING.set(true);
            try {
                if (compaction == null) {
                    task.run();
                } else {
                    compaction.whileWriting(() -> {
                        task.run();
                        return null;
                    });
                }
            } finally {
                SNAPSHOTTING.set(false);
            }
        });
    }

    /**
     * Rooms kept in memory between commands, so a command neither re-reads the room's events
     * since its last snapshot nor decrypts its sealed interests again. Only where this process
     * is the room's one writer (an H2 file has one owner): a command that fails, a conflict
     * included, evicts its room (Axon's caching repository does that on rollback). With
     * PostgreSQL another node may append to a room, and a cached room would answer from a stale
     * state (say, "no such ref" for an offer made on the other node), so every command reads
     * the room from the store there.
     */
    private static Cache aggregateCache(Database database) {
        return database instanceof Database.H2 ? new RoomCache(CACHED_ROOMS) : NoCache.INSTANCE;
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
        for (int attempt = 1; ; attempt++) {
            try {
                SYNCED.set(false);
                Object result = writing(() -> gateway.sendAndWait(sent));
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

    /** Runs a write to the store; on H2 with no file compaction pass under way ({@link H2FileCompaction}). */
    private <T> T writing(Supplier<T> write) {
        return compaction == null ? write.get() : compaction.whileWriting(write);
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

    /** The storage engine, for tests that append behind the command bus's back. */
    JdbcEventStorageEngine storage() {
        return storage;
    }

    @Override
    public void close() {
        health.close();
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

    /**
     * Runs a command's unit of work in one JDBC transaction: the connection attached to the
     * unit of work leaves auto-commit, and Axon's wrapper commits it when the unit of work
     * commits, so a command's events land all together or not at all.
     */
    private record UnitOfWorkTransactions(ConnectionProvider connections) implements TransactionManager {
        @Override
        public Transaction startTransaction() {
            if (CurrentUnitOfWork.isStarted()
                    && !CurrentUnitOfWork.get().phase().isAfter(UnitOfWork.Phase.PREPARE_COMMIT)) {
                try {
                    Connection connection = connections.getConnection();
                    connection.setAutoCommit(false);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot start a transaction", e);
                }
            }
            return NoTransactionManager.INSTANCE.startTransaction();
        }
    }
}
