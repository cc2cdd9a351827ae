package negotiation.wire;

/**
 * The first line of an export (docs/verifiable-history.md): the room, the exporting role, and
 * the last seq and head hash the server had when the export began, so a cut-off file shows.
 */
public record ExportHeader(String type, String format, String roomId, String role, long seq, String head,
                           String exportedAt) {
    public ExportHeader(String format, String roomId, String role, long seq, String head, String exportedAt) {
        this("export", format, roomId, role, seq, head, exportedAt);
    }
}
