package io.gridwire.uplink.sim;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs the stand-in until killed: {@code --port N [--client-id ID] [--no-acks]}, commands on stdin
 * ({@link SimControl}). With {@code --client-id}, the accepted secret comes from the environment
 * variable {@value #SECRET_ENV} (the one the gateway reads too), never from the command line where
 * {@code ps} shows it; {@code --client-secret S} still works but is discouraged. The app's
 * {@code gridwire simulate uplink-broker} calls {@link #run(String[])}.
 */
public final class UplinkBrokerSimMain {
  public static final String SECRET_ENV = "GRIDWIRE_UPLINK_CLIENT_SECRET";

  private UplinkBrokerSimMain() {}

  public static void main(String[] args) throws Exception {
    run(args);
  }

  /** Starts the stand-in, runs stdin commands, and blocks forever (until the JVM exits). */
  public static void run(String[] args) throws Exception {
    BrokerSimConfig config = config(args, System.getenv(), System.err);
    try (UplinkBrokerSim sim = UplinkBrokerSim.start(config)) {
      System.out.println("uplink broker stand-in listening on " + sim.url() + (config.acks() ? " (acks on)" : " (acks off)")
          + (config.clientId() == null ? ", any credentials" : ", client " + config.clientId() + " only"));
      System.out.println(SimControl.HELP);
      new SimControl(sim).run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
      // stdin closed (e.g. started in the background): keep serving until stopped.
      Thread.currentThread().join();
    }
  }

  /** Parses the options; the secret from {@code env} unless the discouraged option gives it. */
  static BrokerSimConfig config(String[] args, Map<String, String> env, PrintStream warnings) {
    int port = 8765;
    String id = null;
    String secretOption = null;
    boolean acks = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
        case "--client-id" -> id = value(args, ++i, "--client-id");
        case "--client-secret" -> secretOption = value(args, ++i, "--client-secret");
        case "--no-acks" -> acks = false;
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (expected --port N, --client-id ID, --no-acks; the secret goes in " + SECRET_ENV + ")");
      }
    }
    String secret = env.get(SECRET_ENV);
    if (secretOption != null) {
      warnings.println("warning: --client-secret is visible in ps and shell history; set " + SECRET_ENV + " instead");
      secret = secretOption;
    }
    if (id == null) return new BrokerSimConfig(port, null, null, acks, 1 << 20);
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("--client-id " + id + " needs the accepted secret in " + SECRET_ENV);
    }
    return new BrokerSimConfig(port, id, secret, acks, 1 << 20);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
    return args[i];
  }
}
