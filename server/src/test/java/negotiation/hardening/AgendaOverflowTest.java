package negotiation.hardening;

import negotiation.support.ServerProcess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by fuzzing the agenda: a range whose last value lies within one step of
 * Integer.MAX_VALUE passes AgendaRules (which computes in long) but AgendaOptions.optionKeys
 * enumerates it with {@code for (int x = min; x <= max; x += step)}: x overflows to a negative
 * number, stays {@code <= max}, and the loop adds strings until the heap is gone. One POST
 * takes the server down (OutOfMemoryError, then 500 internal on every request that needs
 * memory). The agenda must be refused with 400 bad_request (or accepted with its 2 options).
 * Fixed in commit 2946c3c (options counted in long); this stays as the regression test.
 *
 * <p>The server runs in a child JVM with a small heap so that the bug cannot take this JVM
 * (and the other test classes) with it.
 */
class AgendaOverflowTest {
    @TempDir
    Path temp;

    @Test
    void aRangeEndingAtIntegerMaxIsAnsweredNotEnumeratedForever() throws Exception {
        try (ServerProcess server = ServerProcess.classPath(List.of("-Xmx96m"), temp.resolve("data"),
                temp.resolve("server.log"))) {
            String agenda = """
                    {"title": "edge of int", "parties": ["a", "b"],
                     "issues": [{"id": "x", "range": {"min": 2147483547, "max": 2147483647, "step": 100}}]}""";
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/rooms"))
                    .timeout(Duration.ofSeconds(15)).POST(HttpRequest.BodyPublishers.ofString(agenda)).build();
            HttpResponse<String> answer;
            try {
                answer = http.send(post, HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                throw new AssertionError("no answer within 15 s: the server is still enumerating the range", e);
            }
            if (answer.statusCode() != 201) {
                assertEquals(400, answer.statusCode(), "a range at the edge of int: " + answer.body()
                        + "\nserver log:\n" + server.output());
            }
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/health"))
                    .timeout(Duration.ofSeconds(15)).build();
            assertEquals(200, http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }
}
