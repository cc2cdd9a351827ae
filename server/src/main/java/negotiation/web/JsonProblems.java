package negotiation.web;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with a JSON value that could not be read into a message's field, said in the
 * protocol's words: the limits of an integer, never Jackson's wording with Java's class names and
 * reference chains (which describe the server, not the message). {@link Frames} puts the field's
 * path in front.
 */
final class JsonProblems {
    /** Jackson's "Numeric value (123) out of range of int (...)": the number as written. */
    private static final Pattern NUMBER = Pattern.compile("Numeric value \\(([^)]{1,40})\\)");

    private JsonProblems() {
    }

    /** The problem, to follow the field's name: "must be an integer from ... to ..., got ...". */
    static String problem(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InputCoercionException coercion) {
                return range(coercion.getTargetType()) + got(coercion.getOriginalMessage());
            }
            if (cause instanceof ValueInstantiationException && cause.getCause() instanceof IllegalArgumentException own
                    && own.getMessage() != null && !own.getMessage().contains("negotiation.")) {
                return "is not valid: " + own.getMessage(); // the contract's own records say what they need
            }
        }
        return "is not a value this field takes";
    }

    private static String range(Class<?> target) {
        if (target == Integer.TYPE || target == Integer.class) {
            return "must be an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (target == Long.TYPE || target == Long.class) {
            return "must be an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        return "must be a smaller number";
    }

    private static String got(String message) {
        Matcher number = message == null ? null : NUMBER.matcher(message);
        return number != null && number.find() ? ", got " + number.group(1) : "";
    }
}
