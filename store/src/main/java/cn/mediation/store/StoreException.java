package cn.mediation.store;

/** The engine below the embedded MongoDB failed: the store cannot be read or written as asked. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
