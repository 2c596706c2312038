package io.gridwire.uplink.sim;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the stand-in until killed: {@code --port N [--client-id ID --client-secret S] [--no-acks]}.
 * The app's {@code gridwire simulate uplink-broker} calls {@link #run(String[])}.
 */
public final class UplinkBrokerSimMain {
  private UplinkBrokerSimMain() {}

  public static void main(String[] args) throws InterruptedException {
    run(args);
  }

  /** Starts the stand-in and blocks forever (until the JVM exits). */
  public static void run(String[] args) throws InterruptedException {
    int port = 8765;
    String id = null;
    String secret = System.getenv("GRIDWIRE_UPLINK_CLIENT_SECRET");
    boolean acks = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--client-id" -> id = args[++i];
        case "--client-secret" -> secret = args[++i];
        case "--no-acks" -> acks = false;
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (expected --port N, --client-id ID, --client-secret S, --no-acks)");
      }
    }
    UplinkBrokerSim sim = UplinkBrokerSim.start(new BrokerSimConfig(port, id, id == null ? null : secret, acks, 1 << 20));
    System.out.println("uplink broker stand-in listening on " + sim.url() + (acks ? " (acks on)" : " (acks off)"));
    new CountDownLatch(1).await();
  }
}
