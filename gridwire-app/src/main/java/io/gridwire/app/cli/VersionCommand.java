package io.gridwire.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gridwire version}. */
@Command(name = "version", description = "Print the Gridwire version and the Java runtime.")
public final class VersionCommand implements Runnable {
  @Override
  public void run() {
    System.out.println("gridwire " + version() + " (Java " + Runtime.version() + ")");
  }

  public static String version() {
    try (InputStream in = VersionCommand.class.getResourceAsStream("/io/gridwire/app/version.properties")) {
      if (in == null) return "dev";
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }

  /** Supplies {@code --version}. */
  public static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"gridwire " + version()};
    }
  }
}
