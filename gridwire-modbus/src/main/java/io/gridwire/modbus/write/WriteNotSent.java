package io.gridwire.modbus.write;

/** A queued write that was dropped before it went on the wire: its command ended meanwhile (cancelled, expired). */
public final class WriteNotSent extends RuntimeException {
  public WriteNotSent() {
    super("not sent: the command ended before the poll loop reached it", null, false, false);
  }
}
