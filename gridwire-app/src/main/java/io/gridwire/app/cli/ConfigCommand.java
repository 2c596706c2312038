package io.gridwire.app.cli;

import io.gridwire.app.config.ConfigReference;
import io.gridwire.app.config.GridwireConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gridwire config check|reference}. */
@Command(name = "config", description = "Check a config file, or print the reference of every key.",
    subcommands = {ConfigCommand.Check.class, ConfigCommand.Reference.class})
public final class ConfigCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "check", description = "Load the config (file + environment) and print the effective values, secrets masked.")
  static final class Check implements Callable<Integer> {
    @Mixin ConfigOption config;

    @Override
    public Integer call() {
      GridwireConfig c = config.load();
      java.util.List<String> problems = io.gridwire.app.wiring.ConfigCheck.problems(c);
      if (!problems.isEmpty()) {
        System.err.println("gridwire: configuration has " + problems.size() + " error" + (problems.size() == 1 ? "" : "s") + ":");
        for (String p : problems) System.err.println("  " + p);
        return 2;
      }
      System.out.println("configuration is valid (secrets masked):");
      for (var section : GridwireConfig.class.getRecordComponents()) {
        try {
          System.out.printf("  %-11s %s%n", section.getName() + ":", section.getAccessor().invoke(c));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return 0;
    }
  }

  @Command(name = "reference", description = "Print docs/configuration.md: every key with its default and meaning.")
  static final class Reference implements Runnable {
    @Override
    public void run() {
      System.out.print(ConfigReference.markdown());
    }
  }
}
