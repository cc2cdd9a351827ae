package negotiation.webclient;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * axe-core run with the page's Content Security Policy left on: the browser fetches axe from
 * a same-origin path the test answers itself (Playwright's route), so script-src 'self'
 * admits it and nothing of the page's policy is bypassed.
 */
final class SameOriginAxe {
    static final String PATH = "/test-only/axe.min.js";
    private static final byte[] SOURCE = load();

    private SameOriginAxe() {
    }

    private static byte[] load() {
        try (InputStream in = SameOriginAxe.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is missing from the test resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves axe at {@link #PATH} of `origin` to every page of the context. */
    static void serve(BrowserContext context, String origin) {
        String base = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
        context.route(base + PATH, (Route route) -> route.fulfill(new Route.FulfillOptions()
                .setStatus(200).setContentType("text/javascript; charset=utf-8").setBodyBytes(SOURCE)));
    }

    /** Every violation of axe's default rules on the page, as "rule: target (summary)". */
    @SuppressWarnings("unchecked")
    static List<String> violations(Page page) {
        if (!(Boolean) page.evaluate("() => typeof window.axe === 'object'")) {
            page.addScriptTag(new Page.AddScriptTagOptions().setUrl(PATH));
        }
        return (List<String>) page.evaluate("async () => {"
                + " const result = await axe.run(document);"
                + " return result.violations.flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ') + ' ('"
                + "   + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200) + ')'));"
                + "}");
    }
}
