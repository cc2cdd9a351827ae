package negotiation.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The database a store runs on, opened and repaired, its tables created or migrated: the pool,
 * where the party keys live, and on H2 the file's compaction and the mark that the store is open.
 *
 * @param compaction on H2, the file's compaction passes; null on PostgreSQL
 * @param openMark   on H2, the data directory marked open until the store is closed; null on PostgreSQL
 */
record OpenedDatabase(DataSource pool, PartyKeys keys, H2FileCompaction compaction, Path openMark) {
    /**
     * Well above the web layer's 16 store workers: each command holds one connection for its
     * unit of work, and reads, snapshots and party keys need their own.
     */
    static final int POOL_SIZE = 40;

    static OpenedDatabase open(Database database, StoreHealth health) {
        DataSource pool;
        PartyKeys keys;
        H2FileCompaction compaction = null;
        Path openMark = null;
        if (database instanceof Database.Postgres postgres) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.url());
            config.setUsername(postgres.user());
            config.setPassword(postgres.password());
            config.setMaximumPoolSize(POOL_SIZE);
            config.setPoolName("rooms");
            pool = new HikariDataSource(config);
            StoreSchema.postgres(pool);
            keys = new JdbcPartyKeys(pool);
            DataSource postgresPool = pool;
            health.recovery(() -> H2Files.selectOne(postgresPool));
        } else {
            Path dataDirectory = ((Database.H2) database).dataDirectory();
            // WRITE_DELAY=0: a commit is written to the file (the operating system's cache) before the command
            // is acknowledged, so kill -9 loses nothing acked; H2 does not fsync it, GroupSync does. Commits
            // that wait while another thread writes share the next chunk (H2's MVStore.commit).
            // PAGE_SIZE=1024 (H2's default is 4096): a page is split once it holds this many bytes, and a
            // commit writes every page it changed again, whole; each event lands on a page of the room index
            // (rooms in random order), and those rewrites were most of the bytes an event wrote
            // (docs/performance.md, "The store file under load").
            // MAX_LENGTH_INPLACE_LOB: an event's payload and metadata (BLOBs) are kept in its row up to this many
            // bytes. H2's default is 256, and the metadata (the stored public form and hash, about 400 bytes) went
            // to H2's separate LOB store, one lookup per event on every read: reading 10,000 events' metadata took
            // 80-190 ms that way against 2-9 ms in the row, and the file held twice the bytes. Persistent in the
            // file, applied to what is written from then on (rows written before keep their LOBs apart). Set
            // once at open ({@link H2Files#configure}), not in the URL, which H2 applies to every new connection.
            String url = "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("rooms") + ";WRITE_DELAY=0;PAGE_SIZE=1024";
            JdbcConnectionPool h2 = JdbcConnectionPool.create(url, "sa", "");
            h2.setMaxConnections(POOL_SIZE);
            boolean unclean = H2Leftovers.markOpen(dataDirectory);
            H2Leftovers.finishInterruptedCommits(h2); // before anything writes
            H2Files.configure(h2);
            pool = h2;
            StoreSchema.h2(pool);
            OwnerOnlyFiles.check(dataDirectory, false); // H2 made its file under the umask
            H2Leftovers.identityPastTheRows(pool);
            if (unclean) {
                H2Leftovers.clear(pool);
            }
            openMark = dataDirectory;
            keys = new FilePartyKeys(dataDirectory);
            compaction = new H2FileCompaction(pool, health);
            health.recovery(H2Files.reopen(pool, compaction));
        }
        return new OpenedDatabase(pool, keys, compaction, openMark);
    }
}
