package io.gridwire.modbus.it;

import io.gridwire.testkit.FreePorts;
import io.gridwire.testkit.RealServices;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * An independent RTU device behind a serial-to-Ethernet converter: libmodbus (Debian
 * libmodbus-dev) answering as an RTU slave on a pseudo-terminal ({@code rtu_server.c}, compiled
 * into {@code target/} on first use), and socat bridging that pty to a TCP port.
 *
 * <pre>
 *  RtuTransport ──TCP──▶ socat (the converter) ──pty──▶ rtu_server (libmodbus RTU slave)
 * </pre>
 *
 * socat listens with {@code fork}: the pty stays open across TCP connections, so the converter
 * accepts reconnections like a real one. {@code max-children=1} and {@code -t 0} make it serve one
 * client at a time, handing over at once: otherwise the previous connection's process keeps
 * reading the pty for half a second after a reconnect and swallows answers meant for the new one.
 * Missing tools: the test is skipped with the reason printed
 * locally; under CI=true it fails.
 */
final class LibmodbusRtuPeer implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(10);
  private static final Duration STOP = Duration.ofSeconds(5);
  private static final java.util.Map<String, Path> binaries = new java.util.HashMap<>();

  /** The converter's TCP port on 127.0.0.1. */
  final int port;
  private final Path dir;
  private final Process converter;
  private final Process slave;
  private final Output converterLog;
  private final Output slaveLog;
  private boolean paused;

  private LibmodbusRtuPeer(Path dir, int port, Process converter, Output converterLog, Process slave, Output slaveLog) {
    this.dir = dir;
    this.port = port;
    this.converter = converter;
    this.converterLog = converterLog;
    this.slave = slave;
    this.slaveLog = slaveLog;
  }

  static void require() {
    String missing = missingTool();
    if (missing == null) return;
    String reason = missing + "; the libmodbus RTU peer needs gcc, pkg-config, libmodbus-dev and socat";
    if (RealServices.ci()) throw new AssertionError(reason + " — CI requires them (apt-get install -y gcc pkg-config libmodbus-dev socat)");
    System.out.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }

  private static String missingTool() {
    if (!succeeds("gcc", "--version")) return "gcc is not installed";
    if (!succeeds("pkg-config", "--exists", "libmodbus")) return "libmodbus-dev is not installed (pkg-config libmodbus)";
    if (!succeeds("socat", "-V")) return "socat is not installed";
    return null;
  }

  /**
   * Starts the converter, then the slave on its pty.
   *
   * @param map holding registers mapped, {@code START:COUNT}
   * @param args {@code ADDR=VALUE} seeds, {@code refuse=FROM-TO:CODE}, {@code late=ADDR:MILLIS}
   *     (see rtu_server.c)
   */
  static LibmodbusRtuPeer start(int unit, String map, String... args) throws Exception {
    require();
    Path dir = Files.createTempDirectory("gridwire-rtu");
    Path line = dir.resolve("ttyRTU");
    Process converter = null;
    Output converterLog = null;
    int port = 0;
    for (int attempt = 1; converter == null; attempt++) { // a free port can be taken before socat binds it
      port = FreePorts.next();
      Process p = new ProcessBuilder("socat", "-d", "-d", "-t", "0", "pty,raw,echo=0,link=" + line,
          "tcp-listen:" + port + ",bind=127.0.0.1,reuseaddr,fork,max-children=1").redirectErrorStream(true).start();
      Output log = new Output(p, l -> l.contains("listening on"));
      if (log.awaitMarker(START)) {
        converter = p;
        converterLog = log;
      } else {
        stop(p);
        if (attempt == 3) throw new IllegalStateException("socat did not start listening:\n" + log.tail());
      }
    }
    try {
      return slave(dir, port, converter, converterLog, line, unit, map, args);
    } catch (IllegalStateException e) {
      stop(converter);
      throw e;
    }
  }

  /**
   * Starts only the slave, on an existing serial line (one end of a pty pair): a device on a
   * local serial port. {@link #port} is 0.
   */
  static LibmodbusRtuPeer onLine(Path line, int unit, String map, String... args) throws Exception {
    require();
    return slave(null, 0, null, null, line, unit, map, args);
  }

  private static LibmodbusRtuPeer slave(Path dir, int port, Process converter, Output converterLog, Path line, int unit, String map,
      String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(binary().toString(), line.toString(), String.valueOf(unit), map));
    cmd.addAll(Arrays.asList(args));
    Process slave = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Output slaveLog = new Output(slave, "ready"::equals);
    if (!slaveLog.awaitMarker(START)) {
      stop(slave);
      throw new IllegalStateException("rtu_server did not start:\n" + slaveLog.tail());
    }
    return new LibmodbusRtuPeer(dir, port, converter, converterLog, slave, slaveLog);
  }

  /** The device stops answering (SIGSTOP); the converter keeps accepting and forwarding. */
  void pause() throws Exception {
    signal("STOP");
    paused = true;
  }

  /** The device answers again (SIGCONT), starting with whatever requests queued up on its line. */
  void resume() throws Exception {
    signal("CONT");
    paused = false;
  }

  /** Both processes are still the ones started: nothing was restarted. */
  boolean sameProcessesAlive() {
    return slave.isAlive() && (converter == null || converter.isAlive());
  }

  private void signal(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(slave.pid())).redirectErrorStream(true).start();
    if (!kill.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
      kill.destroyForcibly();
      throw new IllegalStateException("kill -" + name + " " + slave.pid() + " failed");
    }
  }

  @Override
  public void close() throws Exception {
    try {
      if (paused) signal("CONT"); // a stopped process would hold SIGTERM until continued
    } finally {
      stop(slave);
      System.out.println("rtu_server (last lines):\n" + slaveLog.tail());
      if (converter != null) {
        stop(converter); // and its per-connection children
        System.out.println("socat (last lines):\n" + converterLog.tail());
        Files.deleteIfExists(dir.resolve("ttyRTU"));
        Files.deleteIfExists(dir);
      }
    }
  }

  /** Terminates a process and its descendants, waiting a bounded time for each; then kills. */
  private static void stop(Process p) throws InterruptedException {
    List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
    all.addFirst(p.toHandle());
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle h : all) {
      if (awaitExit(h)) continue;
      h.destroyForcibly();
      if (!awaitExit(h)) throw new IllegalStateException("process " + h.pid() + " survived SIGKILL for " + STOP);
    }
  }

  private static boolean awaitExit(ProcessHandle h) throws InterruptedException {
    try {
      h.onExit().get(STOP.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** rtu_server.c compiled once per test JVM into {@code target/libmodbus/}. */
  private static Path binary() throws IOException, InterruptedException, URISyntaxException {
    return binary("rtu_server");
  }

  /** {@code /libmodbus/NAME.c} compiled once per test JVM into {@code target/libmodbus/NAME}. */
  static synchronized Path binary(String name) throws IOException, InterruptedException, URISyntaxException {
    Path cached = binaries.get(name);
    if (cached != null) return cached;
    Path source = Path.of(LibmodbusRtuPeer.class.getResource("/libmodbus/" + name + ".c").toURI());
    Path out = source.getParent().getParent().getParent().resolve("libmodbus"); // target/test-classes/libmodbus → target/libmodbus
    Files.createDirectories(out);
    Path exe = out.resolve(name);
    List<String> cmd = new ArrayList<>(List.of("gcc", "-O2", "-Wall", "-o", exe.toString(), source.toString()));
    cmd.addAll(Arrays.asList(run("pkg-config", "--cflags", "--libs", "libmodbus").trim().split("\\s+")));
    run(cmd.toArray(String[]::new));
    binaries.put(name, exe);
    return exe;
  }

  private static boolean succeeds(String... cmd) {
    try {
      run(cmd);
      return true;
    } catch (IOException | IllegalStateException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs a command to completion (30 s at most); its output, or an exception with it. */
  static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    // Its own thread, not the common pool: a test running a client in the background would hold the
    // pool's only worker (two cores) and delay every other client's output until it ends.
    CompletableFuture<String> output = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        output.complete(new String(p.getInputStream().readAllBytes()));
      } catch (IOException e) {
        output.complete("");
      }
    });
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
      throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 30 s");
    }
    String text = output.join();
    if (p.exitValue() != 0) throw new IllegalStateException(String.join(" ", cmd) + " exited " + p.exitValue() + ":\n" + text);
    return text;
  }

  /** A process's merged output, drained on a virtual thread: the last lines, and a start marker. */
  private static final class Output {
    private static final int KEEP = 40;
    private final Deque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<Boolean> marker = new CompletableFuture<>();

    Output(Process p, Predicate<String> isMarker) {
      Thread.ofVirtual().start(() -> {
        try (BufferedReader r = p.inputReader()) {
          for (String l; (l = r.readLine()) != null; ) {
            add(l);
            if (isMarker.test(l)) marker.complete(true);
          }
        } catch (IOException e) {
          add("(output closed: " + e.getMessage() + ")");
        }
        marker.complete(false); // ended before its marker
      });
    }

    private synchronized void add(String line) {
      if (tail.size() == KEEP) tail.removeFirst();
      tail.addLast(line);
    }

    synchronized String tail() {
      StringBuilder b = new StringBuilder();
      tail.forEach(l -> b.append("  ").append(l).append('\n'));
      return b.toString();
    }

    boolean awaitMarker(Duration within) throws InterruptedException {
      try {
        return marker.get(within.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        return false;
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
