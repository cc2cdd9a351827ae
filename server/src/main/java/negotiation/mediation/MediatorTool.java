package negotiation.mediation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import negotiation.Json;

/**
 * The jar's offline commands for a room's export, run with no server:
 * {@code verify FILE} checks the hash chain; {@code replay FILE} prints the session.
 */
public final class MediatorTool {
    static final String USAGE = """
            usage: java -jar server/target/room-server.jar verify FILE
                   java -jar server/target/room-server.jar replay FILE [--at N] [--json]
              verify    checks an export's hash chain; prints the head hash, or where and why it breaks
                        (exit 0: intact, 1: broken, 2: bad usage or unreadable file)
              replay    prints the session as a timeline with its analysis (after verifying it)
              --at N    prints the room as it stood just after event N instead
              --json    prints the room view (with --at) or the analysis as JSON
            """;

    private MediatorTool() {
    }

    /** Whether the arguments ask for one of these commands rather than the server. */
    public static boolean handles(String[] args) {
        return args.length > 0 && (args[0].equals("verify") || args[0].equals("replay"));
    }

    /** Runs a command; returns the process's exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return args[0].equals("verify") ? verify(args, out, err) : replay(args, out, err);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (NoSuchFileException e) {
            err.println("error: no such file " + e.getFile());
            return 2;
        } catch (IOException e) {
            err.println("error: cannot read the export: " + e.getMessage());
            return 2;
        }
    }

    private static int verify(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("verify takes one FILE");
        }
        ChainVerifier.Verification v;
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
            v = ChainVerifier.verify(in, event -> { });
        }
        if (v.intact()) {
            out.println("intact: room " + v.roomId() + ", exported for " + v.role() + ", events 1.." + v.verified());
            out.println("head " + v.head());
            return 0;
        }
        out.println("BROKEN at " + (v.brokenAt() == 0 ? "the header" : "seq " + v.brokenAt()) + ": " + v.reason());
        out.println("events 1.." + v.verified() + " verify; head there " + v.head());
        return 1;
    }

    private static int replay(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("replay takes a FILE");
        }
        Long at = null;
        boolean json = false;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--at" -> at = seq(args, ++i);
                case "--json" -> json = true;
                default -> throw new IllegalArgumentException("unknown flag " + args[i]);
            }
        }
        Replay replay = Replay.load(Path.of(args[1]));
        if (!replay.verification().intact()) {
            ChainVerifier.Verification v = replay.verification();
            err.println("error: the export is broken at " + (v.brokenAt() == 0 ? "the header" : "seq " + v.brokenAt())
                    + ": " + v.reason() + "; run verify for details. Nothing replayed.");
            return 1;
        }
        if (at != null && (at > replay.lastSeq())) {
            throw new IllegalArgumentException("the export has events 1.." + replay.lastSeq() + ", not " + at);
        }
        if (at != null) {
            Map<String, Object> view = replay.stateAt(at);
            out.print(json ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(view) + "\n"
                    : Timeline.state(view));
        } else {
            out.print(json ? Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(replay.analysisAt(replay.lastSeq())) + "\n" : Timeline.of(replay));
        }
        return 0;
    }

    private static long seq(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("--at needs a seq");
        }
        try {
            long n = Long.parseLong(args[i]);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("--at must be an integer >= 1, got " + args[i]);
    }
}
