package negotiation.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads the {@link Private} declarations of the contract's records (by reflection over their
 * components, once per type): which JSON members are private, and the same record or JSON object
 * with private members a reader may not see taken out. Nested records, and lists of them, are
 * followed, so a private member of a proposed package counts as one of its round.
 */
public final class Privacy {
    /**
     * One record component as the contract sees it: its JSON name, its declaration, and the record
     * type it holds (directly or as a list's elements) when that type has private members itself.
     */
    public record Member(RecordComponent component, String json, Private declared, Class<?> nested) {
        public boolean isPrivate() {
            return declared != null;
        }
    }

    /** The canonical constructor of each record type {@link #redact} rebuilds. */
    private static final ClassValue<Constructor<?>> CONSTRUCTORS = new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
            try {
                return type.getDeclaredConstructor(members(type).stream().map(m -> m.component().getType())
                        .toArray(Class<?>[]::new));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("a record has its canonical constructor: " + type.getName(), e);
            }
        }
    };
    private static final ClassValue<List<Member>> MEMBERS = new ClassValue<>() {
        @Override
        protected List<Member> computeValue(Class<?> type) {
            List<Member> members = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                JsonProperty renamed = c.getAnnotation(JsonProperty.class);
                String json = renamed == null || renamed.value().isEmpty() ? c.getName() : renamed.value();
                Class<?> nested = nestedRecord(c.getGenericType());
                members.add(new Member(c, json, c.getAnnotation(Private.class),
                        nested != null && holdsPrivate(nested) ? nested : null));
            }
            return List.copyOf(members);
        }
    };

    private Privacy() {
    }

    /** Whether a record type has a private member, itself or in a record it holds. */
    public static boolean holdsPrivate(Class<?> recordType) {
        return members(recordType).stream().anyMatch(m -> m.isPrivate() || m.nested() != null);
    }

    /** The components of a record type, in order, with their privacy. */
    public static List<Member> members(Class<?> recordType) {
        if (!recordType.isRecord()) {
            throw new IllegalArgumentException(recordType.getName() + " is not a record");
        }
        return MEMBERS.get(recordType);
    }

    /** The JSON names of a record type's private components (its own, not its nested records'). */
    public static List<String> privateNames(Class<?> recordType) {
        return members(recordType).stream().filter(Member::isPrivate).map(Member::json).toList();
    }

    /** The record with each private component whose readers {@code mayRead} rejects set to null, nested ones too. */
    @SuppressWarnings("unchecked")
    public static <T extends Record> T redact(T record, Predicate<Private.Readers> mayRead) {
        if (record == null) {
            return null;
        }
        List<Member> members = members(record.getClass());
        Object[] values = new Object[members.size()];
        for (int i = 0; i < values.length; i++) {
            Member m = members.get(i);
            Object value = read(m.component(), record);
            if (m.isPrivate() && !mayRead.test(m.declared().value())) {
                value = null;
            } else if (m.nested() != null && value instanceof Record nested) {
                value = redact(nested, mayRead);
            } else if (m.nested() != null && value instanceof List<?> list) {
                value = list.stream().map(item -> item instanceof Record r ? redact(r, mayRead) : item).toList();
            }
            values[i] = value;
        }
        try {
            return (T) CONSTRUCTORS.get(record.getClass()).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + record.getClass().getName(), e);
        }
    }

    /**
     * A JSON object holding a {@code recordType} (any role's view of it) without its private
     * members, nested ones too; members it does not declare are kept as they are.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> publicJson(Class<?> recordType, Map<String, Object> json) {
        Map<String, Member> byName = new LinkedHashMap<>();
        members(recordType).forEach(m -> byName.put(m.json(), m));
        Map<String, Object> out = new LinkedHashMap<>();
        json.forEach((name, value) -> {
            Member m = byName.get(name);
            if (m != null && m.isPrivate()) {
                return;
            }
            if (m != null && m.nested() != null && value instanceof Map<?, ?> nested) {
                value = publicJson(m.nested(), (Map<String, Object>) nested);
            } else if (m != null && m.nested() != null && value instanceof List<?> list) {
                value = list.stream().map(item -> item instanceof Map<?, ?> nested
                        ? publicJson(m.nested(), (Map<String, Object>) nested) : item).toList();
            }
            out.put(name, value);
        });
        return out;
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    /** The record type a component holds, directly or as a list's elements; null for anything else. */
    private static Class<?> nestedRecord(Type type) {
        if (type instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
            return element;
        }
        return null;
    }
}
