package negotiation.store;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the H2 store refuses commands before its disk is full: while its file is at least
 * {@code maxFileBytes} (the operator's {@code --max-store-size}), or while its file system has
 * less than {@code minFreeBytes} free (the readiness threshold). See docs/operating.md, "A bound
 * on the store".
 *
 * @param maxFileBytes the largest the file {@code rooms.mv.db} may be and still take commands;
 *                     {@link #NO_MAX} for no bound
 * @param minFreeBytes the free space the store keeps on its file system; 0 lets writes go on
 *                     until the kernel refuses one (the failure {@link StoreHealth} handles)
 */
public record StoreBound(long maxFileBytes, long minFreeBytes) {
    public static final long NO_MAX = Long.MAX_VALUE;
    /** Smaller than this, a bound would refuse a new store's first commands (H2's empty file is ~100 KB). */
    public static final long SMALLEST_MAX = 1024L * 1024;
    /**
     * The free space kept by default, before a write fails: the store writes up to a few MB at once
     * besides its commits (a compaction pass moves up to 16 MB while idle), and the probe that ends
     * an outage writes 1 MB.
     */
    static final long LOW_SPACE_BYTES = 8L * 1024 * 1024;
    /** No bound on the file, {@link #LOW_SPACE_BYTES} kept free. */
    public static final StoreBound DEFAULTS = new StoreBound(NO_MAX, LOW_SPACE_BYTES);

    private static final Pattern SIZE = Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*(b|k|kb|m|mb|g|gb|t|tb)?\\s*");

    public StoreBound {
        if (maxFileBytes <= 0 || minFreeBytes < 0) {
            throw new IllegalArgumentException("a store bound is positive, got " + maxFileBytes + " and " + minFreeBytes);
        }
    }

    /** The same free space kept, the file bounded to {@code bytes}. */
    public StoreBound withMaxFileBytes(long bytes) {
        return new StoreBound(bytes, minFreeBytes);
    }

    /**
     * A size as an operator writes it: {@code 2GB}, {@code 500MB}, {@code 1.5g}, {@code 1048576};
     * units are powers of 1024, as {@code df -h} and {@code du -h} count.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static long parseSize(String text) {
        Matcher size = SIZE.matcher(text);
        if (!size.matches()) {
            throw new IllegalArgumentException("a size is a number and a unit, e.g. 2GB or 500MB; got '" + text + "'");
        }
        String unit = size.group(2) == null ? "b" : size.group(2).toLowerCase(Locale.ROOT);
        int power = switch (unit.charAt(0)) {
            case 'k' -> 1;
            case 'm' -> 2;
            case 'g' -> 3;
            case 't' -> 4;
            default -> 0;
        };
        double bytes = Double.parseDouble(size.group(1)) * Math.pow(1024, power);
        if (bytes >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("a size up to 8 EB, got '" + text + "'");
        }
        return (long) bytes;
    }
}
