package negotiation.wire;

/** Server to client: the command with this id is durable; seq is the last event it appended. */
public record Ack(String type, Object id, long seq) {
    public Ack(Object id, long seq) {
        this("ack", id, seq);
    }
}
