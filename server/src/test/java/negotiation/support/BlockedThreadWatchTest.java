package negotiation.support;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The watch that fails test classes on a blocked event loop does see one. */
class BlockedThreadWatchTest {
    @Test
    void aBlockedEventLoopIsRecorded() throws Exception {
        BlockedThreadWatch.Recorder recorder = new BlockedThreadWatch.Recorder();
        Logger.getLogger("").addHandler(recorder);
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setBlockedThreadCheckInterval(50).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(100).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
        try {
            vertx.runOnContext(v -> {
                try {
                    Thread.sleep(600);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (recorder.blocked.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(recorder.blocked.isEmpty(), "a 600 ms block on an event loop was not reported");
        } finally {
            Logger.getLogger("").removeHandler(recorder);
            vertx.close().await();
        }
    }
}
