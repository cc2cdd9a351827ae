package negotiation.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Vert.x reported a blocked event loop while it ran: the warning
 * "Thread ... has been blocked for ..." reaches java.util.logging through SLF4J.
 */
public final class BlockedThreadWatch implements BeforeAllCallback, AfterAllCallback {
    private final Recorder recorder = new Recorder();

    @Override
    public void beforeAll(ExtensionContext context) {
        Logger.getLogger("").addHandler(recorder);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Logger.getLogger("").removeHandler(recorder);
        if (!recorder.blocked.isEmpty()) {
            throw new AssertionError("Vert.x reported a blocked thread: " + recorder.blocked.get(0));
        }
    }

    /** Collects the blocked-thread warnings. */
    public static final class Recorder extends Handler {
        public final List<String> blocked = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (message != null && message.contains("has been blocked")) {
                blocked.add(message);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
