package negotiation.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import negotiation.Server;
import negotiation.support.BlockedThreadWatch;
import negotiation.support.RoomClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every HTTP answer, API or static file, success or error, carries the security headers. */
@ExtendWith(BlockedThreadWatch.class)
class SecurityHeadersTest {
    @TempDir
    Path data;

    /** Status and headers (names lower-cased) of a GET with this Host header. */
    record Answer(int status, Map<String, String> headers) {
        List<String> connectSources() {
            String csp = headers.get("content-security-policy");
            for (String directive : csp.split(";")) {
                List<String> words = Arrays.asList(directive.trim().split(" +"));
                if (words.get(0).equals("connect-src")) {
                    return words.subList(1, words.size());
                }
            }
            throw new AssertionError("no connect-src in " + csp);
        }
    }

    static Answer get(int port, String target, String host, String token) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            String request = "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String[] lines = response.substring(0, response.indexOf("\r\n\r\n")).split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (String line : Arrays.asList(lines).subList(1, lines.length)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            return new Answer(Integer.parseInt(lines[0].substring(9, 12)), headers);
        }
    }

    @Test
    void everyAnswerCarriesTheHeadersAndConnectSrcNamesOnlyThisServerAndTheAllowedOrigins() throws Exception {
        Limits limits = new Limits(50, 200, 90, 30, List.of("https://rooms.example.org", "http://evil; script-src *"));
        try (Server server = Server.start(new Server.Settings(0, data, 100, limits));
             RoomClient client = new RoomClient(server.port())) {
            RoomClient.Room room = client.openRoom("orange");
            String host = "localhost:" + server.port();
            Map<String, Integer> targets = Map.of(
                    "/", 200, "/js/connection.js", 200, "/app.css", 200, "/health", 200,
                    "/api/rooms/" + room.id(), 200, "/api/rooms/" + room.id() + "/events?after=x", 400,
                    "/api/nothing", 404, "/api/rooms/" + room.id() + "/events?after=%zz", 400,
                    "/api/rooms/nosuchroom", 404, "/nosuchfile.js", 404);
            for (Map.Entry<String, Integer> target : targets.entrySet()) {
                Answer answer = get(server.port(), target.getKey(), host, room.token("anna"));
                assertEquals(target.getValue(), answer.status(), target.getKey());
                assertEquals("DENY", answer.headers().get("x-frame-options"), target.getKey());
                assertEquals("nosniff", answer.headers().get("x-content-type-options"), target.getKey());
                assertEquals("no-referrer", answer.headers().get("referrer-policy"), target.getKey());
                assertTrue(answer.headers().get("content-security-policy").contains("frame-ancestors 'none'"), target.getKey());
                assertEquals(List.of("'self'", "ws://" + host, "wss://" + host, "https://rooms.example.org",
                        "wss://rooms.example.org"), answer.connectSources(), target.getKey());
            }
            assertEquals(401, get(server.port(), "/api/rooms/" + room.id(), host, null).status());
        }
    }

    @Test
    void aHostHeaderCannotWriteIntoThePolicy() throws Exception {
        try (Server server = Server.start(new Server.Settings(0, data, 100));
             RoomClient client = new RoomClient(server.port())) {
            Answer answer = get(server.port(), "/health", "evil.example; script-src *", null);
            String csp = answer.headers().get("content-security-policy");
            assertFalse(csp.contains("script-src"), csp);
            assertEquals(List.of("'self'"), answer.connectSources(), "a malformed Host adds no source");
        }
    }
}
