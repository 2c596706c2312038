package io.gridwire.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** The {@code --log-level} option shared by commands that start the gateway. */
public final class LogLevel {
  @Option(names = "--log-level", paramLabel = "LEVEL",
      description = "Log level: error, warn, info, debug, trace (default: info, or env GRIDWIRE_LOG_LEVEL).")
  String level;

  /** Applies the chosen level to the root logger. */
  public void apply() {
    String l = level != null ? level : System.getenv("GRIDWIRE_LOG_LEVEL");
    if (l == null || l.isBlank()) return;
    Level parsed = Level.toLevel(l.trim(), null);
    if (parsed == null) throw new IllegalArgumentException("--log-level: unknown level '" + l + "' (error, warn, info, debug, trace)");
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(parsed);
  }
}
