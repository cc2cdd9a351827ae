package negotiation.store;

import java.sql.SQLException;
import negotiation.room.RoomRejection;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;

/** How a failure of Axon or the database reaches a client: a conflict, an unknown room, or as it is. */
final class StoreFailures {
    private StoreFailures() {
    }

    static RuntimeException translate(Throwable failure) {
        if (failure instanceof RoomRejection rejection) {
            return rejection;
        }
        if (failure instanceof ConcurrencyException || failure instanceof AggregateStreamCreationException) {
            return new RoomRejection("conflict", "the room changed at the same moment; send the command again");
        }
        if (failure instanceof AggregateNotFoundException) {
            return RoomRejection.notFound("no such room");
        }
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    static boolean isDuplicateKey(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
