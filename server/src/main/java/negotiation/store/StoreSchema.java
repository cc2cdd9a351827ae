package negotiation.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The store's tables, versioned by Flyway: the migrations of {@code db/migration/h2} or
 * {@code db/migration/postgresql} run once each, in order, recorded in flyway_schema_history
 * (on PostgreSQL, nodes starting together take Flyway's lock in turn). A database written
 * before Flyway (it has the tables but no history) is baselined as V1, the tables every server
 * created until then, and only the later migrations run on it.
 */
final class StoreSchema {
    private static final Logger LOG = Logger.getLogger(StoreSchema.class.getName());

    private StoreSchema() {
    }

    /** Creates or migrates the tables of the embedded H2 file store, and mends its event numbering. */
    static void h2(DataSource database) {
        migrate(database, "classpath:db/migration/h2");
        identityPastTheRows(database);
    }

    /**
     * Moves the event table's identity (Axon's global index) past its highest row if it is not.
     * H2 2.5 can reopen after a {@code kill -9} with the identity behind rows it had already
     * handed out: a bare H2 table under 16 writers did in 1 of 8 kill runs without compaction,
     * and more often with it (docs/performance.md, "Compaction and kill -9"). Every append would
     * then collide with a stored row, and a command fail as a conflict after its retries.
     */
    static void identityPastTheRows(DataSource database) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            long next = single(statement, "SELECT IDENTITY_BASE FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_NAME = 'DOMAINEVENTENTRY' AND COLUMN_NAME = 'GLOBALINDEX'");
            long highest = single(statement, "SELECT COALESCE(MAX(globalIndex), 0) FROM DomainEventEntry");
            if (next <= highest) {
                statement.execute("ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex RESTART WITH " + (highest + 1));
                LOG.warning("the event table's numbering was behind its rows (next " + next + ", highest " + highest
                        + "), as H2 can leave it after a crash; it now continues at " + (highest + 1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the event table's numbering", e);
        }
    }

    private static long single(Statement statement, String query) throws SQLException {
        try (ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Creates or migrates the tables of a shared PostgreSQL store. */
    static void postgres(DataSource database) {
        migrate(database, "classpath:db/migration/postgresql");
    }

    private static void migrate(DataSource database, String migrations) {
        Flyway.configure()
                .dataSource(database)
                .locations(migrations)
                .baselineOnMigrate(true)
                .baselineVersion("1")
                .baselineDescription("tables created before Flyway")
                .load()
                .migrate();
    }
}
