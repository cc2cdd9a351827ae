package negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import negotiation.store.Database;
import negotiation.store.StoreBound;
import picocli.CommandLine;

/** The jar's command line: options defined once, listed in the README, clear errors instead of stack traces. */
class CommandLineTest {
    @TempDir
    Path data;

    record Run(int code, String err, Main main) {
    }

    static Run run(String... args) {
        Main main = new Main();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(main);
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return new Run(cli.execute(args), err.toString(), main);
    }

    @Test
    void theReadmeListsExactlyTheServersOptions() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## Configuration");
        int blockStart = readme.indexOf("```\n", section) + 4;
        String block = readme.substring(blockStart, readme.indexOf("```", blockStart));
        Set<String> listed = new TreeSet<>();
        Matcher flag = Pattern.compile("(?m)^\\s+(--[a-z-]+)").matcher(block);
        while (flag.find()) {
            listed.add(flag.group(1));
        }
        Set<String> defined = Main.commandLine(new Main()).getCommandSpec().options().stream()
                .map(option -> option.longestName())
                .filter(name -> !name.equals("--help") && !name.equals("--version"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(defined, listed, "README's Configuration block vs the options Main defines");
    }

    @Test
    void aValueOutOfRangeIsAUsageError() {
        Run run = run("--port", "99999", "--data", data.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--port must be an integer from 0 to 65535, got 99999"), run.err());
        assertEquals(null, run.main().started());
    }

    @Test
    void aTakenPortEndsWithOneClearLine() throws Exception {
        try (Server first = Server.start(new Server.Settings(0, data.resolve("first"), 100))) {
            Run run = run("--port", String.valueOf(first.port()), "--data", data.resolve("second").toString());
            assertEquals(1, run.code());
            assertTrue(run.err().startsWith("error: cannot listen on 0.0.0.0:" + first.port()
                    + ": the address is in use"), run.err());
            assertFalse(run.err().contains("Exception"), "no stack trace: " + run.err());
            // the failed start released the data directory: a server can start on it
            try (Server second = Server.start(new Server.Settings(0, data.resolve("second"), 100))) {
                assertTrue(second.port() > 0);
            }
        }
    }

    @Test
    void hostChoosesTheListeningAddress() throws Exception {
        Run run = run("--port", "0", "--host", "127.0.0.1", "--data", data.toString());
        assertEquals(0, run.code(), run.err());
        try (Server server = run.main().started()) {
            assertTrue(server.url().startsWith("http://127.0.0.1:"), server.url());
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.url() + "health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
        }
    }

    @Test
    void maxStoreSizeBoundsTheH2FileAndABadSizeIsAUsageError() {
        Main main = new Main();
        Main.commandLine(main).parseArgs("--max-store-size", "2GB", "--data", data.toString());
        Database.H2 h2 = (Database.H2) main.settings().database();
        assertEquals(2L * 1024 * 1024 * 1024, h2.bound().maxFileBytes());
        assertEquals(StoreBound.DEFAULTS.minFreeBytes(), h2.bound().minFreeBytes());
        Main unbounded = new Main();
        Main.commandLine(unbounded).parseArgs("--data", data.toString());
        assertEquals(StoreBound.DEFAULTS, ((Database.H2) unbounded.settings().database()).bound());

        Run parsecs = run("--max-store-size", "2 parsecs", "--data", data.toString());
        assertEquals(2, parsecs.code());
        assertTrue(parsecs.err().contains("--max-store-size: a size is a number and a unit, e.g. 2GB or 500MB;"
                + " got '2 parsecs'"), parsecs.err());
        Run tiny = run("--max-store-size", "10KB", "--data", data.toString());
        assertEquals(2, tiny.code());
        assertTrue(tiny.err().contains("--max-store-size must be at least 1MB, got 10KB"), tiny.err());
        Run postgres = run("--max-store-size", "1GB", "--db", "jdbc:postgresql://localhost/rooms");
        assertEquals(2, postgres.code());
        assertTrue(postgres.err().contains("--max-store-size bounds the H2 file"), postgres.err());
        assertEquals(null, postgres.main().started());
    }
}
