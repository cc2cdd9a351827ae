package negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Log lines are JSON and name an exception without quoting its message. */
class JsonLogFormatterTest {
    @Test
    void aLogLineIsOneJsonObjectWithoutTheExceptionsMessage() throws Exception {
        LogRecord record = new LogRecord(Level.WARNING, "command failed: {0}");
        record.setParameters(new Object[] {"java.lang.IllegalStateException"});
        record.setLoggerName("negotiation.web.RoomSocket");
        record.setThrown(new IllegalStateException("payload {\"floor\": 7777} token abc123"));
        String line = new JsonLogFormatter().format(record);
        JsonNode json = Json.MAPPER.readTree(line);
        assertEquals("WARNING", json.get("level").asText());
        assertEquals("command failed: java.lang.IllegalStateException", json.get("message").asText());
        assertEquals("java.lang.IllegalStateException", json.get("exception").asText());
        assertFalse(line.contains("7777") || line.contains("abc123"), line);
        assertEquals(1, line.strip().lines().count());
    }
}
