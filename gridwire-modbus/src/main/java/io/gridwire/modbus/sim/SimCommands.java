package io.gridwire.modbus.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The simulator's stdin control, one command a line:
 *
 * <pre>
 * alarm shutdown_low_oil_pressure on     set (or clear with off) one bit
 * set oil_pressure 80                    serve a fixed value
 * reset                                  clear every alarm bit (the controller's alarm reset)
 * </pre>
 *
 * Answers {@code ok} or {@code error: ...} per line; returns at end of input.
 */
public final class SimCommands {
  private SimCommands() {}

  public static void run(ProfileSimulator sim, BufferedReader in, PrintStream out) throws IOException {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      out.println(apply(sim, line.trim()));
      out.flush();
    }
  }

  static String apply(ProfileSimulator sim, String line) {
    String[] w = line.split("\\s+");
    try {
      switch (w[0]) {
        case "alarm" -> {
          if (w.length != 3 || !(w[2].equals("on") || w[2].equals("off"))) return "error: alarm <bit> on|off";
          sim.setFlag(w[1], w[2].equals("on"));
        }
        case "set" -> {
          if (w.length != 3) return "error: set <metric> <value>";
          sim.setValue(w[1], Double.parseDouble(w[2]));
        }
        case "reset" -> sim.resetAlarms();
        default -> {
          return "error: unknown command '" + w[0] + "' (alarm, set, reset)";
        }
      }
      return "ok";
    } catch (IllegalArgumentException e) {
      return "error: " + e.getMessage();
    }
  }
}
