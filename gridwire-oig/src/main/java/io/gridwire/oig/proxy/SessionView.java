package io.gridwire.oig.proxy;

/**
 * What the parts of one {@link BoxSession} read of it ({@link CloudRoute}, {@link BackfillSender},
 * {@link SentSettings}, {@link SessionCapture}). Every method is safe from any thread.
 */
interface SessionView {
  /** The connection id. */
  long id();

  /** The box's address, {@code ip:port}. */
  String remote();

  /** The box id of this connection; null until an admitted frame carried one. */
  String deviceId();

  /** The current mode; null while the first cloud connect is under way. */
  SessionMode mode();

  /** True when the box was refused admission: nothing of it is captured. */
  boolean refused();

  /** True once the session is closing. */
  boolean closed();
}
