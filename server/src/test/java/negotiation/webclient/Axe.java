package negotiation.webclient;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * axe-core 4.14 (vendored from the npm package axe-core as a test resource, MPL-2.0) run
 * inside a page: the accessibility rules a screen reader user would trip over.
 */
final class Axe {
    private static final String SOURCE = load();

    private Axe() {
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every violation on the page as "rule: target (summary)", for the given rules, or all of
     * axe's default rules when none is given.
     */
    @SuppressWarnings("unchecked")
    static List<String> violations(Page page, String... rules) {
        if (!(Boolean) page.evaluate("() => typeof window.axe === 'object'")) {
            page.addScriptTag(new Page.AddScriptTagOptions().setContent(SOURCE));
        }
        Object found = page.evaluate("async (rules) => {"
                + " const options = rules.length ? { runOnly: { type: 'rule', values: rules } } : {};"
                + " const result = await axe.run(document, options);"
                + " return result.violations.flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ') + ' ('"
                + "   + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200) + ')'));"
                + "}", List.of(rules));
        return (List<String>) found;
    }
}
