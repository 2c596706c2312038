package io.gridwire.store.jdbc;

/** A database operation failed (unreachable, schema missing, constraint, I/O). Unchecked. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
