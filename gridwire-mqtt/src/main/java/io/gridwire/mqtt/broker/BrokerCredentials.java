package io.gridwire.mqtt.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The embedded broker's own account (used by the gateway's client, the demo and the simulators),
 * kept in a file readable by its owner only. Generated on first start; {@link #created()} tells
 * the caller to print the password once.
 *
 * @param username user name, {@value #USERNAME}
 * @param password 128 random bits, URL-safe Base64
 * @param file where it is stored
 * @param created true when this start generated it
 */
public record BrokerCredentials(String username, String password, Path file, boolean created) {
  public static final String USERNAME = "gridwire";
  /** File name under the data directory. */
  public static final String FILE_NAME = "mqtt-broker.credentials";

  /** Reads {@code file}, or creates it (mode 0600 where POSIX) with a new random password. */
  public static BrokerCredentials loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) return read(file);
      Files.createDirectories(file.toAbsolutePath().getParent());
      String password = randomPassword();
      create(file);
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
        w.write("# Gridwire embedded MQTT broker: the gateway's own account. Keep this file private.\n");
        w.write("username=" + USERNAME + "\npassword=" + password + "\n");
      }
      return new BrokerCredentials(USERNAME, password, file, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the MQTT broker credentials " + file, e);
    }
  }

  /** Reads an existing credentials file (e.g. for a simulator next to the gateway). */
  public static BrokerCredentials readExisting(Path file) {
    try {
      return read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the MQTT broker credentials " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("created meanwhile by another process", e);
    }
  }

  private static BrokerCredentials read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    String user = p.getProperty("username");
    String password = p.getProperty("password");
    if (user == null || user.isBlank() || password == null || password.isBlank()) {
      throw new IOException("no username/password in " + file + "; delete it to generate new credentials");
    }
    return new BrokerCredentials(user.strip(), password.strip(), file, false);
  }

  private static String randomPassword() {
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  @Override
  public String toString() {
    return "BrokerCredentials[" + username + ", " + file + "]";
  }
}
