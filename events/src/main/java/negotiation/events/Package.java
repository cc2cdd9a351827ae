package negotiation.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A package, whole or partial: for each issue (by id, in agenda order once checked) the chosen
 * option's wire value, a string, or a JSON number for range issues. On the wire and at rest it is
 * exactly the JSON object it wraps ({"price": 5000, "support": "1 year"}), so stored events and the
 * hash chain read and hash the same as before this type existed.
 *
 * <p>Named after the protocol's term; it shadows {@link java.lang.Package}, which the project does not use.
 */
public record Package(Map<String, Object> values) {
    public static final Package EMPTY = new Package(Map.of());

    /** An unmodifiable, ordered copy; a value may be null as a client sent it (the agenda check rejects it). */
    public Package {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The package a JSON object holds. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Package of(Map<String, ?> values) {
        return new Package(values == null ? null : new LinkedHashMap<String, Object>(values));
    }

    /** The JSON object, issue id -> option's wire value, in order. */
    @Override
    @JsonValue
    public Map<String, Object> values() {
        return values;
    }

    /** The chosen option's wire value for an issue, or null when the package does not name it. */
    public Object get(String issue) {
        return values.get(issue);
    }

    public boolean has(String issue) {
        return values.containsKey(issue);
    }

    /** The issue ids the package names, in order. */
    public Set<String> issues() {
        return values.keySet();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** This package with the issues {@code changes} names set to its values (order kept, new issues last). */
    public Package with(Package changes) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        merged.putAll(changes.values);
        return new Package(merged);
    }

    /** Builds a package issue by issue, in the order the issues are put. */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        public Builder put(String issue, Object value) {
            values.put(issue, value);
            return this;
        }

        public Package build() {
            return new Package(values);
        }
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
