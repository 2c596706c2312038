package io.gridwire.app.config;

/** The configuration is wrong; the message names the key path and what to do. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  public ConfigException(String message) {
    super(message);
  }
}
