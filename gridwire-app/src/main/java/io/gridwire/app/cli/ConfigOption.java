package io.gridwire.app.cli;

import io.gridwire.app.config.ConfigLoader;
import io.gridwire.app.config.GridwireConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option: a YAML file, or {@code ./gridwire.yaml} when present. */
public final class ConfigOption {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "YAML config file (default: ./gridwire.yaml if present). Every key can be overridden by env GRIDWIRE_<KEY_PATH>.")
  Path file;

  public GridwireConfig load() {
    Path f = file;
    if (f == null && Files.isRegularFile(Path.of("gridwire.yaml"))) f = Path.of("gridwire.yaml");
    return new ConfigLoader().load(f, System.getenv());
  }
}
