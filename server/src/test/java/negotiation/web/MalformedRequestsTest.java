package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests HTTP itself forbids (a Host with spaces or ';', obs-fold header lines, a broken
 * chunked body) answer 400 with the security headers or, when the body's framing is lost, close
 * the connection; never 500, nothing logged at info or above, and the server keeps serving.
 */
@ExtendWith(BlockedThreadWatch.class)
class MalformedRequestsTest {
    @TempDir
    Path data;

    /** Log records at info or above from the server and its HTTP stack (Vert.x, Netty), while it is installed. */
    static final class LoudRecords extends Handler implements AutoCloseable {
        final List<LogRecord> records = java.util.Collections.synchronizedList(new ArrayList<>());

        LoudRecords() {
            Logger.getLogger("").addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            String logger = String.valueOf(record.getLoggerName());
            boolean ours = logger.startsWith("negotiation") || logger.startsWith("io.vertx") || logger.startsWith("io.netty");
            if (ours && record.getLevel().intValue() >= Level.INFO.intValue()) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            Logger.getLogger("").removeHandler(this);
        }

        List<String> messages() {
            synchronized (records) {
                return records.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()
                        + (r.getParameters() == null ? "" : " " + java.util.Arrays.toString(r.getParameters()))).toList();
            }
        }
    }

    /** Writes the request bytes as they are and reads the answer until the server closes or stops sending. */
    static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) != -1; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException kept) {
                // the server keeps the connection: the answer is what came
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void malformedRequestsAnswer400WithTheHeadersAndLogNothing() throws Exception {
        // No background warming: its info line would land among the records watched.
        try (Server server = Server.start(new Server.Settings(0, data, 100).withWarming(
                new negotiation.readmodel.RoomHistories.Warming(0, 0)));
             RoomClient client = new RoomClient(server.port())) {
            String host = "localhost:" + server.port();
            String room = "{\"title\":\"t\",\"parties\":[\"a\",\"b\"],\"issues\":[{\"id\":\"x\",\"options\":[\"p\",\"q\"]}]}";
            Map<String, String> requests = new java.util.LinkedHashMap<>();
            requests.put("a Host with a space", "GET /health HTTP/1.1\r\nHost: local host\r\nConnection: close\r\n\r\n");
            requests.put("a Host with ';'", "GET /health HTTP/1.1\r\nHost: localhost;x\r\nConnection: close\r\n\r\n");
            requests.put("a Host with ';' on the API", "GET /api/rooms/nosuchroom HTTP/1.1\r\nHost: a;b\r\nConnection: close\r\n\r\n");
            requests.put("an obs-fold Host", "GET /health HTTP/1.1\r\nHost: localhost\r\n :" + server.port() + "\r\n"
                    + "Connection: close\r\n\r\n");
            requests.put("no Host", "GET /api/rooms/nosuchroom HTTP/1.1\r\nConnection: close\r\n\r\n");
            try (LoudRecords loud = new LoudRecords()) {
                for (Map.Entry<String, String> request : requests.entrySet()) {
                    String answer = exchange(server.port(), request.getValue());
                    assertTrue(answer.startsWith("HTTP/1.1 400"), request.getKey() + ": " + answer);
                    String head = answer.toLowerCase(java.util.Locale.ROOT);
                    assertTrue(head.contains("x-content-type-options: nosniff"), request.getKey() + ": " + answer);
                    assertTrue(head.contains("content-security-policy: "), request.getKey() + ": " + answer);
                }
                // A broken chunked body loses the framing: Vert.x closes the connection, with no answer
                // (a write cannot overtake the close) but never a 500, and nothing is logged.
                for (String chunks : List.of("zz\r\n" + room + "\r\n0\r\n\r\n", "4\r\n" + room + "\r\n0\r\n\r\n",
                        "-1\r\n\r\n")) {
                    String answer = exchange(server.port(), "POST /api/rooms HTTP/1.1\r\nHost: " + host
                            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                            + chunks);
                    assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 400"), chunks + ": " + answer);
                }
                // RFC 9112 lets a server replace obs-fold with a space (Netty does) instead of refusing it.
                String folded = exchange(server.port(), "GET /health HTTP/1.1\r\nHost: " + host
                        + "\r\nX-Folded: one\r\n  two\r\nConnection: close\r\n\r\n");
                assertTrue(folded.startsWith("HTTP/1.1 200"), folded);
                assertEquals(200, client.get("/health", null).status(), "the server still serves");
                assertEquals(List.of(), loud.messages(), "nothing logged at info or above");
            }
        }
    }
}
