package io.gridwire.mqtt.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The independent MQTT clients: Debian's mosquitto_pub / mosquitto_sub, always on 127.0.0.1. */
final class Cli {
  private Cli() {}

  static void pub(int port, String topic, String payload, int qos, boolean retain) {
    List<String> cmd = new ArrayList<>(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port),
        "-q", Integer.toString(qos), "-t", topic, "-s"));
    if (retain) cmd.add("-r");
    if (payload.isEmpty()) cmd.add("-n");
    run(cmd, payload.isEmpty() ? null : payload);
  }

  /** Publishes each line as one message over one connection ({@code mosquitto_pub -l}). */
  static void pubLines(int port, String topic, List<String> lines, int qos) {
    run(List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-q", Integer.toString(qos),
        "-t", topic, "-l"), String.join("\n", lines) + "\n");
  }

  /** Reads up to {@code count} messages ({@code topic payload} lines) within {@code seconds}. */
  static List<String> sub(int port, String topic, int count, int seconds) {
    return lines(run(List.of("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-v", "-t", topic,
        "-C", Integer.toString(count), "-W", Integer.toString(seconds)), null));
  }

  /** Clears every retained message under {@code filter} (on brokers that support it). */
  static void clearRetained(int port, String filter) {
    run(List.of("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-t", filter,
        "--remove-retained", "--retained-only", "-W", "1"), null);
  }

  /** A running mosquitto_sub whose output is read line by line. */
  static Process subscriber(int port, String topic) throws IOException {
    return new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-v", "-t", topic)
        .redirectErrorStream(true).start();
  }

  static BufferedReader reader(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  private static String run(List<String> cmd, String stdin) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + cmd.get(0) + " (apt-get install -y mosquitto-clients)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<String> lines(String out) {
    List<String> l = new ArrayList<>();
    for (String s : out.split("\n")) if (!s.isBlank() && !s.startsWith("Timed out")) l.add(s);
    return l;
  }
}
