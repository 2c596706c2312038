package io.gridwire.app;

import io.gridwire.app.cli.ConfigCommand;
import io.gridwire.app.cli.DemoCommand;
import io.gridwire.app.cli.RunCommand;
import io.gridwire.app.cli.SimulateCommand;
import io.gridwire.app.cli.UsersCommand;
import io.gridwire.app.cli.VersionCommand;
import io.gridwire.app.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gridwire} command line. */
@Command(
    name = "gridwire",
    mixinStandardHelpOptions = true,
    // -h/--help and -V/--version on every subcommand too (gridwire demo --help exits 0).
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = VersionCommand.Provider.class,
    description = "Gateway for energy devices: Modbus, OIG boxes, MQTT dataloggers and WebSocket devices behind one live, stored, secured view.",
    subcommands = {RunCommand.class, DemoCommand.class, SimulateCommand.class, UsersCommand.class, ConfigCommand.class, VersionCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    virtualThreadIoDefaults();
    System.exit(execute(args));
  }

  /**
   * Socket waits of virtual threads go through the JDK's platform poller threads, which wake the
   * waiting thread directly ({@code jdk.pollerMode=1}), unless the JVM was started with another
   * mode. The JDK's default on Linux runs its pollers as virtual threads behind a master poller:
   * each readiness event then crosses two extra thread hand-offs; at 1,000 OIG boxes that cost
   * 20–35 % more CPU per frame (docs/performance.md). Must run before the first socket I/O;
   * a JDK without the property ignores it.
   */
  static void virtualThreadIoDefaults() {
    if (System.getProperty("jdk.pollerMode") == null) System.setProperty("jdk.pollerMode", "1");
  }

  /** Runs the CLI and returns the exit code (tests call this). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((ex, line, parse) -> {
      if (ex instanceof ConfigException || ex instanceof IllegalArgumentException) {
        line.getErr().println("gridwire: " + ex.getMessage());
        return 2;
      }
      line.getErr().println("gridwire: " + ex);
      ex.printStackTrace(line.getErr());
      return 1;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
