package negotiation.history;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import negotiation.Json;

/**
 * JSON in the JSON Canonicalization Scheme (RFC 8785) for the values a room's log holds:
 * objects with keys sorted by UTF-16 code units, no whitespace, strings escaped as
 * ECMAScript's JSON.stringify does, integers only (a fraction is refused, so no
 * floating-point formatting rule is ever needed). Any JCS library gives the same bytes.
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    /** The canonical UTF-8 bytes of a JSON value (maps, lists, strings, integers, booleans, null, or records). */
    public static byte[] bytes(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, plain(value));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Object plain(Object value) {
        if (value == null || value instanceof Map || value instanceof Collection || value instanceof String
                || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return Json.MAPPER.convertValue(value, Object.class);
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Number n) {
            out.append(integer(n));
        } else if (value instanceof Map<?, ?> map) {
            List<String> keys = new ArrayList<>();
            for (Object key : map.keySet()) {
                keys.add((String) key);
            }
            keys.sort(null); // String order is UTF-16 code unit order, as RFC 8785 asks
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(out, keys.get(i));
                out.append(':');
                write(out, plain(map.get(keys.get(i))));
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, plain(item));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getSimpleName());
        }
    }

    private static String integer(Number n) {
        BigDecimal exact = n instanceof BigInteger big ? new BigDecimal(big) : new BigDecimal(n.toString());
        try {
            BigInteger whole = exact.toBigIntegerExact();
            if (whole.abs().compareTo(BigInteger.valueOf(1L << 53)) > 0) {
                throw new IllegalArgumentException("integer beyond 2^53 has no canonical form: " + n);
            }
            return whole.toString();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("only integers have a canonical form here, got " + n);
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean loneSurrogate = Character.isSurrogate(c) && !(Character.isHighSurrogate(c)
                            && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)));
                    if (c < 0x20 || loneSurrogate) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c)) {
                        out.append(c).append(s.charAt(++i));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
