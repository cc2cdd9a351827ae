package negotiation.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.function.Supplier;
import negotiation.support.ThrowawayPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Both key stores keep numbered generations: an erasure destroys the live one, the next key
 * is a new generation, and a destroyed generation is never made again, across restarts; keys
 * stored before generations existed read as generation 0.
 */
class PartyKeysTest {
    static final byte[] LEGACY = new byte[32];

    static {
        Arrays.fill(LEGACY, (byte) 7);
    }

    @TempDir
    Path data;

    @Test
    void fileKeysKeepGenerations() {
        generations(() -> new FilePartyKeys(data));
    }

    @Test
    void postgresKeysKeepGenerations() {
        PGSimpleDataSource database = postgres();
        StoreSchema.postgres(database);
        generations(() -> new JdbcPartyKeys(database));
    }

    @Test
    void aLegacyKeyFileIsGenerationZero() throws Exception {
        Path file = data.resolve("keys").resolve("room").resolve("anna.key");
        Files.createDirectories(file.getParent());
        Files.write(file, LEGACY);
        legacy(() -> new FilePartyKeys(data));
        assertFalse(Files.exists(file), "destroyed");
        assertTrue(Files.exists(file.resolveSibling("anna.0.erased")));
    }

    @Test
    void aLegacyKeyTableIsUpgradedByMigrationV2AndItsKeysAreGenerationZero() throws Exception {
        PGSimpleDataSource database = postgres();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            // The table as builds before generations created it.
            statement.execute("CREATE TABLE room_party_keys (room_id VARCHAR(64) NOT NULL, party VARCHAR(64) NOT NULL, "
                    + "party_key BYTEA NOT NULL, PRIMARY KEY (room_id, party))");
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO room_party_keys (room_id, party, party_key) VALUES ('room', 'anna', ?)")) {
                insert.setBytes(1, LEGACY);
                insert.executeUpdate();
            }
        }
        StoreSchema.postgres(database); // baselined at V1 (it has a table), then V2 upgrades it
        legacy(() -> new JdbcPartyKeys(database));
    }

    /** The contract, on a store opened afresh (a restart) between steps. */
    static void generations(Supplier<PartyKeys> open) {
        PartyKeys keys = open.get();
        PartyKeys.PartyKey first = keys.current("room", "anna");
        assertEquals(1, first.generation(), "new keys start at generation 1");
        assertEquals(32, first.bytes().length);
        assertArrayEquals(first.bytes(), keys.current("room", "anna").bytes(), "the live key is reused");
        PartyKeys.PartyKey other = keys.current("room", "beth");

        keys.destroy("room", "anna");
        assertTrue(keys.existing("room", "anna", 1).isEmpty(), "destroyed");
        PartyKeys.PartyKey second = keys.current("room", "anna");
        assertEquals(2, second.generation(), "after an erasure, a new generation");
        assertFalse(Arrays.equals(first.bytes(), second.bytes()));
        assertArrayEquals(other.bytes(), keys.current("room", "beth").bytes(), "other parties keep theirs");

        PartyKeys reopened = open.get();
        assertTrue(reopened.existing("room", "anna", 1).isEmpty(), "still destroyed after a restart");
        assertEquals(2, reopened.current("room", "anna").generation());
        assertArrayEquals(second.bytes(), reopened.existing("room", "anna", 2).orElseThrow());
        reopened.destroy("room", "anna");
        reopened.destroy("room", "anna");
        PartyKeys again = open.get();
        assertEquals(3, again.current("room", "anna").generation(), "no destroyed generation is ever made again");
        assertTrue(again.existing("room", "anna", 2).isEmpty());
    }

    static void legacy(Supplier<PartyKeys> open) {
        PartyKeys keys = open.get();
        assertArrayEquals(LEGACY, keys.existing("room", "anna", PartyKeys.LEGACY_GENERATION).orElseThrow());
        assertEquals(PartyKeys.LEGACY_GENERATION, keys.current("room", "anna").generation(), "used while it lives");
        keys.destroy("room", "anna");
        assertTrue(open.get().existing("room", "anna", PartyKeys.LEGACY_GENERATION).isEmpty());
        assertEquals(1, open.get().current("room", "anna").generation(), "then generation 1, never 0 again");
        assertTrue(open.get().existing("room", "anna", PartyKeys.LEGACY_GENERATION).isEmpty());
    }

    static PGSimpleDataSource postgres() {
        var database = ThrowawayPostgres.database();
        Assumptions.assumeTrue(database.isPresent(), "PostgreSQL is not installed here (.ci/run installs it)");
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(database.get().url());
        source.setUser(database.get().user());
        source.setPassword(database.get().password());
        return source;
    }
}
