package negotiation;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per log line (time, level, logger, message, and the exception's type), for
 * log shippers. Exceptions are named, never printed with their messages or stack traces'
 * causes, which could quote payloads; the server's own messages carry no tokens or interests.
 */
public final class JsonLogFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.ofEpochMilli(record.getMillis()).toString());
        line.put("level", record.getLevel().getName());
        line.put("logger", record.getLoggerName());
        line.put("message", formatMessage(record));
        if (record.getThrown() != null) {
            line.put("exception", record.getThrown().getClass().getName());
        }
        try {
            return Json.MAPPER.writeValueAsString(line) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            return "{\"level\":\"SEVERE\",\"message\":\"unloggable record\"}" + System.lineSeparator();
        }
    }
}
