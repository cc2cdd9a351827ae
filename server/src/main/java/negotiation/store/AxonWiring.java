package negotiation.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import negotiation.Json;
import negotiation.commands.RoomCommand;
import negotiation.room.RoomAggregate;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
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
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * How the store is built on Axon Framework: its JDBC storage engine on the opened database,
 * events serialised with Jackson and sealed per party ({@link SealingSerializer}) under stable
 * names, one unit of work per JDBC transaction, the room aggregate with its cache and snapshots.
 *
 * @param storage the storage engine, read directly for a room's events
 * @param axon    the started configuration: command gateway, event bus, shutdown
 */
record AxonWiring(JdbcEventStorageEngine storage, Configuration axon) {
    private static final int READ_BATCH = 2_000;
    /** Rooms held in memory between commands (as many as the web layer keeps histories of). */
    private static final long CACHED_ROOMS = 10_000;
    /** Set on the snapshot threads, so a failed snapshot's storage failure is seen ({@link #persistenceFailure}). */
    private static final ThreadLocal<Boolean> SNAPSHOTTING = ThreadLocal.withInitial(() -> false);

    /** Builds and starts Axon on the opened database. */
    static AxonWiring start(Database database, OpenedDatabase opened, int snapshotEvery, StoreHealth health) {
        DataSource pool = opened.pool();
        PartyKeys keys = opened.keys();
        H2FileCompaction compaction = opened.compaction();
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
        SnapshotThreads snapshotThreads = new SnapshotThreads();
        Executor snapshots = snapshots(snapshotThreads, compaction, health);
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> sealing)
                .configureMessageSerializer(c -> serializer)
                .configureTransactionManager(c -> transactions)
                // Events carry their command's request key, so a re-sent command is recognised after a
                // reload; not Axon's default trace and correlation ids, which nothing reads and which
                // took 110 of an event's stored bytes.
                .configureCorrelationDataProviders(c -> List.of(new SimpleCorrelationDataProvider(RoomAggregate.REQUEST)))
                .configureEmbeddedEventStore(c -> storage)
                .configureCommandBus(c -> {
                    SimpleCommandBus bus = SimpleCommandBus.builder().transactionManager(transactions).build();
                    // copies the correlation data (our request key) from each command onto its events
                    bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(c.correlationDataProviders()));
                    if (compaction != null) {
                        bus.registerHandlerInterceptor(writeGate(compaction));
                    }
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
                                c.snapshotter(), snapshotEvery)));
        // before the database closes: no snapshot may be sealed or stored after the store is closed
        configurer.onShutdown(snapshotThreads::close);
        Configuration axon = configurer.buildConfiguration();
        axon.start();
        return new AxonWiring(storage, axon);
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
     * Holds H2's compaction gate ({@link H2FileCompaction#beginWrite}) over a command's writes
     * only: from its unit of work's prepare-commit, where its events are appended (this handler
     * is registered before the event store's, so it runs first), to its cleanup, after the commit
     * or rollback and the wait for the disk. Not while the command is handled: a round computes
     * for seconds there, and a pass waiting for it made every other room's writes wait behind the
     * pass (docs/performance.md, "Fair CPU between rooms").
     */
    private static MessageHandlerInterceptor<CommandMessage<?>> writeGate(H2FileCompaction compaction) {
        return (unitOfWork, chain) -> {
            AtomicBoolean writing = new AtomicBoolean();
            unitOfWork.onPrepareCommit(u -> {
                compaction.beginWrite();
                writing.set(true);
            });
            unitOfWork.onCleanup(u -> {
                if (writing.getAndSet(false)) {
                    compaction.endWrite();
                }
            });
            return chain.proceed();
        };
    }

    /**
     * Where snapshots are taken and stored. Not on the command's thread: that thread still holds
     * its connection, and under load every worker would wait for a second one (found by a load
     * test). On H2 a snapshot is a write, so no compaction pass runs while it is stored.
     */
    private static Executor snapshots(SnapshotThreads threads, H2FileCompaction compaction, StoreHealth health) {
        return task -> threads.execute(() -> {
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
