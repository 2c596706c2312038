package io.gridwire.modbus.sim;

import io.gridwire.modbus.poll.TransportKind;
import io.gridwire.modbus.profile.ProfileLibrary;
import java.nio.file.Path;

/**
 * Runs one simulator until killed:
 * {@code java -cp ... io.gridwire.modbus.sim.SimulatorMain --profile smartgen-hgm9520n --transport tcp --port 1502 [--unit 1] [--host 127.0.0.1] [--profiles DIR]}.
 * The application's CLI ({@code gridwire simulate modbus}) calls {@link ModbusSimulator#start} the same way.
 */
public final class SimulatorMain {
  private SimulatorMain() {}

  public static void main(String[] args) throws Exception {
    String profile = "smartgen-hgm9520n";
    TransportKind transport = TransportKind.TCP;
    String host = "127.0.0.1";
    int port = 1502;
    int unit = 1;
    Path folder = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--profile" -> profile = args[i + 1];
        case "--transport" -> transport = TransportKind.fromWire(args[i + 1]);
        case "--host" -> host = args[i + 1];
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--unit" -> unit = Integer.parseInt(args[i + 1]);
        case "--profiles" -> folder = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    SimulatorConfig cfg = new SimulatorConfig(profile, transport, host, port, unit, null);
    ModbusSimulator sim = ModbusSimulator.start(cfg, ProfileLibrary.load(folder).get(profile));
    System.out.println("serving " + profile + " over " + transport.wireName() + " on " + host + ":" + sim.port() + " unit " + unit);
    System.out.println("commands on stdin: alarm <bit> on|off, set <metric> <value>, reset");
    System.out.flush();
    SimCommands.run(sim.values(), new java.io.BufferedReader(new java.io.InputStreamReader(System.in)), System.out);
    Thread.currentThread().join();
  }
}
