package io.gridwire.modbus.sim;

import io.gridwire.modbus.poll.TransportKind;
import io.gridwire.modbus.profile.Profile;
import io.gridwire.modbus.profile.ProfileLibrary;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Modbus device serving a profile over Modbus TCP or RTU over TCP, for users without
 * hardware, tests and the demo ({@code gridwire simulate modbus ...}). Each connection is served
 * on its own virtual thread, so one process holds thousands of simulated devices (they share one
 * register bank). Start with {@link #start}; {@link #close} stops it.
 */
public final class ModbusSimulator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModbusSimulator.class);
  private final SimulatorConfig config;
  private final RegisterBank bank = new RegisterBank();
  private final ProfileSimulator values;
  private final ServerSocket server;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final long startNanos = System.nanoTime();
  private final ReadNoise noise;
  private final java.util.concurrent.atomic.AtomicLong connections = new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean running = true;

  private ModbusSimulator(SimulatorConfig config, Profile profile) throws IOException {
    this.config = config;
    this.values = new ProfileSimulator(profile, bank);
    values.update(0);
    SimGenset genset = new SimGenset(values);
    bank.onCoilRise(genset::onRise);
    this.noise = config.fleetAlarmChance() == null ? null : new ReadNoise(profile, config.fleetAlarmChance());
    this.server = new ServerSocket(config.port(), 4096, InetAddress.getByName(config.host()));
  }

  /** Starts serving {@code config.profile()} from the built-in profiles. */
  public static ModbusSimulator start(SimulatorConfig config) throws IOException {
    return start(config, ProfileLibrary.builtIns().get(config.profile()));
  }

  /** Starts serving the given profile; returns once the port is bound. */
  public static ModbusSimulator start(SimulatorConfig config, Profile profile) throws IOException {
    ModbusSimulator s = new ModbusSimulator(config, profile);
    Thread.ofVirtual().name("modbus-sim-accept-" + s.port()).start(s::acceptLoop);
    Thread.ofVirtual().name("modbus-sim-tick-" + s.port()).start(s::tickLoop);
    log.info("simulating {} over {} on {}:{}", profile.name(), config.transport().wireName(), config.host(), s.port());
    return s;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The simulated memory: tests set registers (e.g. a negative temperature) directly. */
  public RegisterBank bank() {
    return bank;
  }

  public ProfileSimulator values() {
    return values;
  }

  /** Stops moving values (tests that set registers by hand call it first). */
  public void freeze() {
    frozen = true;
  }

  private volatile boolean frozen;

  private void acceptLoop() {
    while (running) {
      try {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        sockets.add(s);
        Thread.ofVirtual().name("modbus-sim-conn").start(() -> serve(s));
      } catch (IOException e) {
        if (running) log.warn("simulator accept failed: {}", e.getMessage());
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      if (config.transport() == TransportKind.TCP) {
        ReadNoise.Device device = noise == null ? null : noise.device(connections.incrementAndGet());
        new SimTcpSession(bank, s.getInputStream(), s.getOutputStream(), config.unitId(), device).run();
      } else {
        new SimRtuSession(bank, s.getInputStream(), s.getOutputStream(), config.unitId()).run();
      }
    } catch (IOException e) {
      log.debug("simulator connection ended: {}", e.getMessage());
    } finally {
      sockets.remove(s);
    }
  }

  private void tickLoop() {
    while (running) {
      try {
        Thread.sleep(config.tick());
      } catch (InterruptedException e) {
        return;
      }
      if (!frozen) values.update((System.nanoTime() - startNanos) / 1e9);
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      server.close();
    } catch (IOException ignored) {
      // already closed
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }
}
