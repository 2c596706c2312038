package io.gridwire.oig.proxy;

/** How a box session currently answers the box. */
public enum SessionMode {
  /** Frames pass unchanged to the cloud and back. */
  FORWARD,
  /** The cloud is unusable; the gateway answers the box itself. */
  OFFLINE,
  /** The box connection has ended. */
  CLOSED;

  private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

  public String wireName() {
    return wireName;
  }
}
