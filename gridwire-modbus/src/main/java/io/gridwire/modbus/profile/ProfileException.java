package io.gridwire.modbus.profile;

/**
 * A profile that cannot be used; the message names the file, the block and the field, e.g.
 * {@code my.yaml: block 'engine' field 'rpm': offset 31 + 1 word(s) is outside the block (count 30)}.
 */
public final class ProfileException extends RuntimeException {
  public ProfileException(String message) {
    super(message);
  }

  public ProfileException(String message, Throwable cause) {
    super(message, cause);
  }
}
