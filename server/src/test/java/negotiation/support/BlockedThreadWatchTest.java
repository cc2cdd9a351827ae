package negotiation.support;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The watch that fails test classes on a blocked event loop does see one. */
class BlockedThreadWatchTest {
    @Test
    void aBlockedEventLoopIsRecorded() throws Exception {
        BlockedThreadWatch.Recorder recorder = new BlockedThreadWatch.Recorder();
        Logger root = Logger.getLogger("");
        // The console handlers step aside so this deliberate block does not look like a real one in the reports.
        Handler[] console = root.getHandlers();
        for (Handler handler : console) {
            root.removeHandler(handler);
        }
        root.addHandler(recorder);
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
            vertx.close().await();
            root.removeHandler(recorder);
            for (Handler handler : console) {
                root.addHandler(handler);
            }
        }
    }
}
