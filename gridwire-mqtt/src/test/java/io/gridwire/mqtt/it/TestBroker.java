package io.gridwire.mqtt.it;

import io.gridwire.mqtt.broker.EmbeddedBroker;
import io.gridwire.mqtt.broker.EmbeddedBrokerConfig;
import io.gridwire.testkit.FreePorts;
import io.gridwire.testkit.RealServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A broker a test talks to: the machine's Mosquitto, a private one, or the embedded Moquette. */
interface TestBroker extends AutoCloseable {
  int port();

  default String url() {
    return "mqtt://127.0.0.1:" + port();
  }

  /** Stops the broker (like a crash for Mosquitto: SIGKILL). Only for private brokers. */
  void stop();

  /** Starts it again on the same port. */
  void restart();

  @Override
  void close();

  enum Kind {
    MOSQUITTO,
    EMBEDDED
  }

  /** The shared broker of a kind for non-destructive scenarios. */
  static TestBroker shared(Kind kind) {
    if (kind == Kind.MOSQUITTO) {
      RealServices.require("Mosquitto", RealServices.MOSQUITTO);
      return new Machine();
    }
    return new Embedded(FreePorts.next());
  }

  /** A broker of a kind the test may stop and restart. */
  static TestBroker privateOne(Kind kind) {
    return kind == Kind.MOSQUITTO ? new PrivateMosquitto(FreePorts.next()) : new Embedded(FreePorts.next());
  }

  /** The machine's Mosquitto on 1883: never stopped. */
  final class Machine implements TestBroker {
    public int port() { return RealServices.MOSQUITTO; }
    public void stop() { throw new UnsupportedOperationException("never stop the machine's Mosquitto"); }
    public void restart() { throw new UnsupportedOperationException(); }
    public void close() {}
  }

  final class Embedded implements TestBroker {
    private final int port;
    private EmbeddedBroker broker;

    Embedded(int port) {
      this.port = port;
      restart();
    }

    public int port() { return port; }

    public void stop() {
      broker.close();
    }

    public void restart() {
      broker = new EmbeddedBroker(new EmbeddedBrokerConfig("127.0.0.1", port, false, true, null, false, null)).start();
    }

    public void close() {
      broker.close();
    }
  }

  /** {@code mosquitto -c conf} on a free port, without persistence (a restart forgets sessions). */
  final class PrivateMosquitto implements TestBroker {
    private final int port;
    private final Path conf;
    private Process process;

    PrivateMosquitto(int port) {
      this.port = port;
      try {
        conf = Files.createTempFile("mosquitto-", ".conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      restart();
    }

    public int port() { return port; }

    public void stop() {
      process.destroyForcibly();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    public void restart() {
      try {
        process = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      } catch (IOException e) {
        throw new IllegalStateException("cannot start mosquitto (apt-get install -y mosquitto)", e);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!RealServices.reachable("127.0.0.1", port)) {
        if (System.nanoTime() > deadline) throw new IllegalStateException("private mosquitto did not start on " + port);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    public void close() {
      if (process != null) process.destroyForcibly();
      try {
        Files.deleteIfExists(conf);
      } catch (IOException ignored) {
        // temp file
      }
    }
  }
}
