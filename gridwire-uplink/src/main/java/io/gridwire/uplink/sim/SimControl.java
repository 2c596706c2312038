package io.gridwire.uplink.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Operator commands for a running stand-in, one per line (stdin of
 * {@code gridwire simulate uplink-broker}):
 *
 * <pre>
 *  refuse        new connections get HTTP 503 (open ones carry on)
 *  drop [N]      reset every open connection now, or after N more messages
 *  stall         stop reading: no acks, no pongs (the uplink declares the broker down)
 *  normal        accept, read, no pending drop
 *  stats [N]     connections, messages per device and topic, the last N (default 5)
 *  help
 * </pre>
 */
public final class SimControl {
  public static final String HELP = """
      commands: refuse | drop [N] | stall | normal | stats [N] | help
        refuse     new connections get HTTP 503 (open ones carry on)
        drop [N]   reset every open connection now, or after N more messages
        stall      stop reading: no acks, no pongs (the uplink will declare the broker down)
        normal     accept, read, no pending drop
        stats [N]  connections, messages per device and topic, the last N messages (default 5)""";

  private final UplinkBrokerSim sim;

  public SimControl(UplinkBrokerSim sim) {
    this.sim = sim;
  }

  /** Runs one command line; returns what to print (never null). */
  public String execute(String line) {
    String[] w = line.trim().split("\\s+");
    try {
      return switch (w[0]) {
        case "refuse" -> {
          sim.refuse(true);
          yield "refusing new connections (HTTP 503); " + sim.openConnections() + " open connection(s) carry on";
        }
        case "drop" -> {
          if (w.length > 1) {
            long n = Long.parseLong(w[1]);
            if (n < 1) yield "drop N needs N ≥ 1";
            sim.dropAfter(n);
            yield "dropping every connection after " + n + " more message(s)";
          }
          int open = sim.openConnections();
          sim.dropConnections();
          yield "reset " + open + " connection(s)";
        }
        case "stall" -> {
          sim.stall(true);
          yield "stalled: not reading (no acks, no pongs)";
        }
        case "normal" -> {
          sim.normal();
          yield "normal";
        }
        case "stats", "" -> SimStats.format(sim.received(), sim.connections(), sim.openConnections(),
            sim.authFailures(), sim.mode(), w.length > 1 ? Integer.parseInt(w[1]) : 5).stripTrailing();
        case "help", "?" -> HELP;
        default -> "unknown command: " + w[0] + "\n" + HELP;
      };
    } catch (NumberFormatException e) {
      return "not a number: " + w[1];
    }
  }

  /** Executes lines until end of input (then returns; the stand-in keeps running). */
  public void run(BufferedReader in, PrintStream out) throws IOException {
    String line;
    while ((line = in.readLine()) != null) {
      out.println(execute(line));
    }
  }
}
