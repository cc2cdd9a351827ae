package negotiation.webclient;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/** Launches Debian's Chromium through Playwright, never downloading a browser. */
final class Browsers {
    private Browsers() {
    }

    /** Where Chromium is: -Dchromium.path, else $CHROMIUM, else /usr/bin/chromium. */
    static Path chromium() {
        String configured = System.getProperty("chromium.path", System.getenv("CHROMIUM"));
        Path path = Paths.get(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("The browser tests need Chromium at " + path
                    + " and it is not there. Install it with `apt-get install -y chromium`"
                    + " (.ci/run does), or point -Dchromium.path=... at a Chromium binary.");
        }
        return path;
    }

    static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium())
                .setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    /** Closes what a browser test class started, in the order given, skipping what never started. */
    static void closeAll(AutoCloseable... started) throws Exception {
        for (AutoCloseable resource : started) {
            if (resource != null) {
                resource.close();
            }
        }
    }
}
