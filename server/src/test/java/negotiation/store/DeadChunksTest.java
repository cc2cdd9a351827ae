package negotiation.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dead chunk's space is given back once the chunk is older than H2's retention time, even when
 * a younger chunk died before it. H2 looks at dead chunks in the order they died and stops at the
 * first one still too young, so under steady writes a chunk a compaction pass emptied waited
 * behind chunks that died young ({@link H2FileCompaction#freeSeasonedDeadChunks}).
 */
class DeadChunksTest {
    /** Long enough that the younger chunk stays within it while the test looks. */
    private static final int RETENTION_MILLIS = 3_000;

    @TempDir
    Path directory;

    @Test
    void aSeasonedDeadChunkIsFreedThoughAYoungerOneDiedFirst() throws Exception {
        MVStore store = new MVStore.Builder().fileName(directory.resolve("t.mv.db").toString())
                .autoCommitDisabled().open();
        try {
            store.setRetentionTime(RETENTION_MILLIS);
            store.setVersionsToKeep(0);
            MVMap<String, String> old = store.openMap("old");
            old.put("k", "first");
            store.commit();
            String oldChunk = chunkOf(old);
            Thread.sleep(RETENTION_MILLIS + 200);

            // A young chunk that dies at once: its page and the map list it holds are rewritten next.
            MVMap<String, String> young = store.openMap("young");
            young.put("k", "first");
            store.commit();
            String youngChunk = chunkOf(young);
            young.put("k", "second");
            store.openMap("another").put("k", "v");
            store.commit();
            // Then the old chunk dies: its last live page is rewritten.
            old.put("k", "second");
            store.commit();
            for (int i = 0; i < 3; i++) { // commits after the deaths, each of which tries to free them
                store.openMap("another").put("k", "v" + i);
                store.commit();
            }
            assertTrue(store.getLayoutMap().containsKey(youngChunk), "the young chunk is still in the layout");

            assertTrue(store.getLayoutMap().containsKey(oldChunk),
                    "H2 alone keeps the old dead chunk behind the younger one that died first");
            H2FileCompaction.freeSeasonedDeadChunks(store);
            assertFalse(store.getLayoutMap().containsKey(oldChunk), "the old dead chunk is freed");
            assertTrue(store.getLayoutMap().containsKey(youngChunk), "the young dead chunk is kept for its retention time");
        } finally {
            store.close();
        }
    }

    /** The layout key of the chunk that holds the map's root page. */
    private static String chunkOf(MVMap<?, ?> map) {
        return "chunk." + Integer.toHexString(DataUtils.getPageChunkId(map.getRootPage().getPos()));
    }

}
