package io.gridwire.uplink.outbox;

/** The outbox store failed (disk full, file corrupt, closed). */
public final class OutboxException extends RuntimeException {
  public OutboxException(String message, Throwable cause) {
    super(message, cause);
  }
}
