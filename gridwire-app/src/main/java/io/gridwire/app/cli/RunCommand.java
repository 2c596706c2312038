package io.gridwire.app.cli;

import io.gridwire.app.config.GridwireConfig;
import io.gridwire.app.wiring.Gateway;
import io.gridwire.mqtt.broker.BrokerCredentials;
import io.gridwire.web.auth.FirstAdmin;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gridwire run}: the gateway, until Ctrl-C. */
@Command(name = "run", description = "Run the gateway with a config file until stopped (Ctrl-C stops it cleanly).")
public final class RunCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Mixin LogLevel logLevel;

  @Override
  public Integer call() throws Exception {
    logLevel.apply();
    GridwireConfig cfg = config.load();
    StopSignal stop = StopSignal.install();
    Gateway gateway = Gateway.start(cfg, Clock.systemUTC());
    FirstAdmin admin = gateway.ensureFirstAdmin(cfg.auth().adminEmail(), cfg.auth().adminPassword());
    if (admin instanceof FirstAdmin.Generated g) {
      System.out.println();
      System.out.println("First start: created admin " + g.email() + " with password " + g.password());
      System.out.println("This password is shown once. Change it with: ./gridwire users passwd --email " + g.email());
      System.out.println();
    }
    BrokerCredentials mqtt = gateway.mqttBrokerCredentials();
    if (mqtt != null && mqtt.created()) {
      System.out.println("First start: created the embedded MQTT broker's user " + mqtt.username() + " with password "
          + mqtt.password());
      System.out.println("It is kept in " + mqtt.file() + " (readable by you only) and shown once. Simulators on this"
          + " machine use it; give dataloggers their own users (mqtt.embedded_users).");
      System.out.println();
    }
    System.out.println("Gridwire is running: http://127.0.0.1:" + gateway.httpPort() + "/  (Ctrl-C to stop)");
    stop.awaitThenClose(gateway);
    return 0;
  }
}
