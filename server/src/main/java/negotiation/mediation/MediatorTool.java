package negotiation.mediation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import negotiation.Json;
import negotiation.wire.view.RoomViewData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The jar's offline commands for a room's export, run with no server:
 * {@code verify FILE} checks the hash chain; {@code replay FILE} prints the session.
 * Exit codes: 0 done, 1 the export is broken, 2 bad usage or an unreadable file.
 */
public final class MediatorTool {
    static final int BROKEN = 1;
    static final int UNUSABLE = 2;

    private MediatorTool() {
    }

    /** Runs {@code verify ...} or {@code replay ...} as the jar would; returns the process's exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Tools());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Command(name = "tools", subcommands = {VerifyCommand.class, ReplayCommand.class})
    static final class Tools {
    }

    /** Shared by both commands: an unreadable file is exit 2 with one line, never a stack trace. */
    abstract static class ExportCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "a room's export (NDJSON, from GET /api/rooms/{id}/export)")
        Path file;

        @Override
        public Integer call() {
            try {
                return run(spec.commandLine().getOut(), spec.commandLine().getErr());
            } catch (NoSuchFileException e) {
                return error("no such file " + e.getFile());
            } catch (IOException e) {
                return error("cannot read the export: " + e.getMessage());
            }
        }

        abstract int run(PrintWriter out, PrintWriter err) throws IOException;

        int error(String message) {
            spec.commandLine().getErr().println("error: " + message);
            return UNUSABLE;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Checks an export's hash chain; prints the head hash, or where and why it breaks"
                    + " (exit 0: intact, 1: broken, 2: bad usage or unreadable file).")
    public static final class VerifyCommand extends ExportCommand {
        @Override
        int run(PrintWriter out, PrintWriter err) throws IOException {
            ChainVerifier.Verification v;
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                v = ChainVerifier.verify(in, event -> { });
            }
            if (v.intact()) {
                out.println("intact: room " + v.roomId() + ", exported for " + v.role() + ", events 1.." + v.verified());
                out.println("head " + v.head());
                return 0;
            }
            out.println("BROKEN at " + where(v) + ": " + v.reason());
            out.println("events 1.." + v.verified() + " verify; head there " + v.head());
            return BROKEN;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Prints the session as a timeline with its analysis (after verifying it).")
    public static final class ReplayCommand extends ExportCommand {
        @Option(names = "--at", paramLabel = "N", description = "prints the room as it stood just after event N instead")
        Long at;

        @Option(names = "--json", description = "prints the room view (with --at) or the analysis as JSON")
        boolean json;

        @Override
        int run(PrintWriter out, PrintWriter err) throws IOException {
            if (at != null && at < 1) {
                return usage("--at must be an integer >= 1, got " + at);
            }
            Replay replay = Replay.load(file);
            if (!replay.verification().intact()) {
                err.println("error: the export is broken at " + where(replay.verification()) + ": "
                        + replay.verification().reason() + "; run verify for details. Nothing replayed.");
                return BROKEN;
            }
            if (at != null && at > replay.lastSeq()) {
                return usage("the export has events 1.." + replay.lastSeq() + ", not " + at);
            }
            if (at != null) {
                RoomViewData view = replay.stateAt(at);
                out.print(json ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(view) + "\n"
                        : Timeline.state(view));
            } else {
                out.print(json ? Json.MAPPER.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(replay.analysisAt(replay.lastSeq())) + "\n" : Timeline.of(replay));
            }
            out.flush();
            return 0;
        }

        private int usage(String message) {
            spec.commandLine().getErr().println("error: " + message);
            spec.commandLine().usage(spec.commandLine().getErr());
            return UNUSABLE;
        }
    }

    private static String where(ChainVerifier.Verification v) {
        return v.brokenAt() == 0 ? "the header" : "seq " + v.brokenAt();
    }
}
