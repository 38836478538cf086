package cn.mediation.app.storage;

import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/**
 * Tells a failure of the database connection (the server is down, unreachable, stepping down or recovering) from
 * every other error, whatever Axon, Spring or Spring Security wrapped it in. Such a request was not refused and is
 * not a bug: the client should send it again later, so it gets {@code 503} with {@code Retry-After}, not {@code 500}.
 */
public final class DatabaseUnavailable {

    /** What {@code Retry-After} says: a little more than the driver's default wait for a server. */
    public static final long RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    /** Whether the error, or any of its causes, is the database being out of reach. */
    public static boolean causedBy(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof MongoException mongo && unavailable(mongo)) {
                return true;
            }
        }
        return false;
    }

    private static boolean unavailable(MongoException e) {
        return e instanceof MongoTimeoutException
                || e instanceof MongoSocketException
                || e instanceof MongoNotPrimaryException
                || e instanceof MongoNodeIsRecoveringException
                || e instanceof MongoServerUnavailableException
                || e.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL);
    }
}
