package io.gridwire.core.cluster;

/** The shared store (Redis) or the addressed node cannot be reached now. */
public final class ClusterUnavailableException extends RuntimeException {
  public ClusterUnavailableException(String message) {
    super(message);
  }

  public ClusterUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
