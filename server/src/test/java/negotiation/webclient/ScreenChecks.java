package negotiation.webclient;

import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a person sees on one screen of the room, measured in the page: how tall each step is,
 * whether the next action stays in reach, tap targets, words broken mid-word, and the words
 * the app must not use. Each check returns the problems it found, empty when all is well.
 */
final class ScreenChecks {
    /** Words a newcomer should not meet on screen, with what to say instead. */
    static final Map<Pattern, String> BANNED = Map.of(
            Pattern.compile("utilit", Pattern.CASE_INSENSITIVE), "say \"score\"",
            Pattern.compile("\\bfloors?\\b", Pattern.CASE_INSENSITIVE), "say \"walk-away point\"",
            Pattern.compile("pareto", Pattern.CASE_INSENSITIVE), "say what it means",
            Pattern.compile("product of", Pattern.CASE_INSENSITIVE), "say what it means",
            Pattern.compile("yardstick", Pattern.CASE_INSENSITIVE), "say what it means",
            Pattern.compile("not-lose", Pattern.CASE_INSENSITIVE), "say \"at or above your walk-away point\"",
            Pattern.compile("\\b(One|1) proposals?: compare them"), "one proposal is not compared");

    private ScreenChecks() {
    }

    /** Each visible step section's height in viewports: step id -> screens. */
    @SuppressWarnings("unchecked")
    static Map<String, Number> screensPerStep(Page page) {
        return (Map<String, Number>) page.evaluate("() => Object.fromEntries([...document.querySelectorAll('[data-step-section]')]"
                + ".filter(el => el.offsetParent !== null)"
                + ".map(el => [el.dataset.stepSection, Math.round(100 * el.getBoundingClientRect().height / innerHeight) / 100]))");
    }

    /** Steps taller than `most` viewports. */
    static List<String> tooTall(Page page, double most, String size) {
        List<String> out = new ArrayList<>();
        screensPerStep(page).forEach((step, screens) -> {
            if (screens.doubleValue() > most) {
                out.add(size + ": step " + step + " is " + screens + " screens tall, more than " + most);
            }
        });
        return out;
    }

    /** Whether the next action is in the window after scrolling half way down the room. */
    static List<String> nextInReachWhenScrolled(Page page) {
        Object seen = page.evaluate("() => { window.scrollTo(0, Math.max(innerHeight * 2, document.documentElement.scrollHeight / 2));"
                + " const el = document.querySelector('[data-next-action]'); const r = el.getBoundingClientRect();"
                + " const ok = r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; window.scrollTo(0, 0); return ok; }");
        return Boolean.TRUE.equals(seen) ? List.of() : List.of("the next action scrolls out of reach");
    }

    /** Visible controls smaller than 24x24 CSS pixels (WCAG 2.2, 2.5.8), except links inside running text. */
    @SuppressWarnings("unchecked")
    static List<String> smallTapTargets(Page page) {
        return (List<String>) page.evaluate("() => [...document.querySelectorAll("
                + "'button, a[href], input:not([type=hidden]), select, summary, textarea')].filter(el => {"
                + " const r = el.getBoundingClientRect(); if (r.width === 0 || r.height === 0) return false;"
                + " if (el.closest('.skip') || getComputedStyle(el).visibility === 'hidden') return false;"
                + " if (el.tagName === 'A' && el.parentElement && /\\S/.test([...el.parentElement.childNodes].filter(n => n !== el).map(n => n.textContent).join(''))) return false;"
                + " return r.width < 24 || r.height < 24; })"
                + ".map(el => el.tagName.toLowerCase() + (el.type ? '[' + el.type + ']' : '') + ' \"' + (el.textContent || el.value || '').trim().slice(0, 30)"
                + " + '\" ' + Math.round(el.getBoundingClientRect().width) + 'x' + Math.round(el.getBoundingClientRect().height))");
    }

    /** Words of 4 or more letters that the layout split across two lines ("Accep/ts"). */
    @SuppressWarnings("unchecked")
    static List<String> brokenWords(Page page) {
        return (List<String>) page.evaluate("() => { const out = []; const range = document.createRange();"
                + " const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
                + " for (let n = walker.nextNode(); n; n = walker.nextNode()) {"
                + "  const el = n.parentElement; if (!el || el.closest('code, pre, option, select, textarea, script, style')) continue;"
                + "  if (!el.getClientRects().length) continue;"
                + "  const re = /[A-Za-z]{4,}/g; let m;"
                + "  while ((m = re.exec(n.data))) { range.setStart(n, m.index); range.setEnd(n, m.index + m[0].length);"
                + "   const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom)));"
                + "   if (tops.size > 1) out.push('\"' + m[0] + '\" in ' + el.tagName.toLowerCase() + '.' + el.className); } }"
                + " return [...new Set(out)].slice(0, 12); }");
    }

    /** Drop-downs whose chosen option is wider than the box shows (the text is cut off). */
    @SuppressWarnings("unchecked")
    static List<String> cutOffChoices(Page page) {
        return (List<String>) page.evaluate("() => { const c = document.createElement('canvas').getContext('2d');"
                + " return [...document.querySelectorAll('select')].filter(s => s.getClientRects().length && s.selectedIndex >= 0).filter(s => {"
                + "  const st = getComputedStyle(s); c.font = st.fontSize + ' ' + st.fontFamily;"
                + "  const text = c.measureText(s.options[s.selectedIndex].text).width;"
                + "  const room = s.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight) - 16;"
                + "  return text > room; }).map(s => '\"' + s.options[s.selectedIndex].text + '\" in a box ' + s.clientWidth + ' px wide'); }");
    }

    /**
     * The text a person reads on the page: what is rendered, plus the names given to controls
     * and pictures; lines inside `except` (a selector) left out.
     */
    static String readableText(Page page, String except) {
        return (String) page.evaluate("(except) => { const skip = new Set([...document.querySelectorAll(except)].flatMap(el => el.innerText.split('\\n')));"
                + " return document.body.innerText.split('\\n').filter(line => !skip.has(line)).join('\\n') + '\\n'"
                + " + [...document.querySelectorAll('[aria-label]')].filter(el => el.getClientRects().length && !el.closest(except))"
                + ".map(el => el.getAttribute('aria-label')).join('\\n'); }", except);
    }

    /** Banned words on screen, each with the line it is in. */
    static List<String> bannedWords(Page page) {
        List<String> out = new ArrayList<>();
        for (String line : readableText(page, ":not(*)").split("\n")) { // :not(*) leaves nothing out
            BANNED.forEach((word, instead) -> {
                if (word.matcher(line).find()) {
                    out.add("\"" + word.pattern() + "\" (" + instead + ") in: " + line.strip());
                }
            });
        }
        return out;
    }

    /** Lines that show a party by its id where its display name belongs. */
    static List<String> bareIds(Page page, List<String> ids) {
        List<String> out = new ArrayList<>();
        for (String line : readableText(page, "[data-invite-link]").split("\n")) {
            for (String id : ids) {
                if (Pattern.compile("(?<![\\w-])" + Pattern.quote(id) + "(?![\\w-])").matcher(line).find()) {
                    out.add("id \"" + id + "\" shown in: " + line.strip());
                }
            }
        }
        return out;
    }
}
