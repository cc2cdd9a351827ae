package negotiation.webclient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import negotiation.Server;
import negotiation.support.RoomClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server on a free port, over its own H2 data directory, and one Chromium, shared by a test
 * class's tests. Each test opens its browser contexts into {@link #contexts}, closed after it, and
 * collects uncaught script errors in {@link #pageErrors}, which must stay empty.
 */
abstract class ServerAndBrowser {
    @TempDir
    static Path data;
    static Server server;
    static RoomClient client;
    static Playwright playwright;
    static Browser browser;

    final List<BrowserContext> contexts = new ArrayList<>();
    final List<String> pageErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        Browsers.chromium();
        server = Server.start(new Server.Settings(0, data, 100));
        client = new RoomClient(server.port());
        playwright = Browsers.playwright();
        browser = Browsers.launch(playwright);
    }

    @AfterAll
    static void stopServerAndBrowser() throws Exception {
        Browsers.closeAll(browser, playwright, client, server);
    }

    @AfterEach
    void closeContextsWithoutScriptErrors() {
        contexts.forEach(BrowserContext::close);
        assertEquals(List.of(), pageErrors, "no uncaught script errors");
    }
}
