package negotiation.readmodel;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A list that only grows, whose prefixes are shared without copying: {@link #prefix} is an
 * immutable view of the first n elements that stays valid while more are appended, because an
 * append writes past every existing prefix, and a full array is copied to a larger one, leaving
 * the old array to the prefixes that hold it. So taking a snapshot is O(1) and an append is
 * amortised O(1). One writer at a time: the owner locks; a prefix reaches readers through that
 * lock or another happens-before edge (a future).
 */
final class AppendOnlyList<T> {
    private Object[] elements = new Object[16];
    private int size;

    void add(T element) {
        if (size == elements.length) {
            elements = Arrays.copyOf(elements, size * 2);
        }
        elements[size++] = element;
    }

    @SuppressWarnings("unchecked")
    T get(int index) {
        return (T) elements[Objects.checkIndex(index, size)];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The elements appended so far, as an immutable list that later appends do not change. */
    List<T> prefix() {
        return new Prefix<>(elements, size);
    }

    private static final class Prefix<T> extends AbstractList<T> implements RandomAccess {
        private final Object[] elements;
        private final int size;

        Prefix(Object[] elements, int size) {
            this.elements = elements;
            this.size = size;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(int index) {
            return (T) elements[Objects.checkIndex(index, size)];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
