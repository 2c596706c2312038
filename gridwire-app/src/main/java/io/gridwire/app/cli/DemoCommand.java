package io.gridwire.app.cli;

import io.gridwire.app.demo.Demo;
import io.gridwire.core.user.Role;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gridwire demo}: the gateway with SQLite and simulators of every device kind, and a demo
 * admin whose password is generated and printed on every start.
 */
@Command(name = "demo", description = "Run the gateway with built-in simulated devices; prints the dashboard address and demo credentials.")
public final class DemoCommand implements Callable<Integer> {
  static final String DEMO_EMAIL = "demo@gridwire.local";

  @Mixin LogLevel logLevel;

  @Option(names = "--port", description = "HTTP port (default 8080, or a free port when 8080 is taken).")
  Integer port;

  @Option(names = "--data-dir", description = "Where the demo keeps its data (default ./gridwire-data/demo).")
  String dataDir = "./gridwire-data/demo";

  @Override
  public Integer call() throws Exception {
    logLevel.apply();
    StopSignal stop = StopSignal.install();
    Demo demo = Demo.start(dataDir, port, System.getenv());
    DemoAdmin admin = DemoAdmin.of(demo.gateway().config().auth());
    demo.gateway().setPassword(admin.email(), admin.password(), Role.ADMIN);
    demo.startWsDevice(admin.email());
    String url = "http://127.0.0.1:" + demo.gateway().httpPort() + "/";
    System.out.println();
    System.out.println("  Gridwire demo is running.");
    System.out.println("  Dashboard:  " + url);
    System.out.println("  Sign in:    " + admin.signIn());
    System.out.println("  API:        curl -s -X POST " + url + "api/auth/login -H 'content-type: application/json' \\");
    System.out.println("                   -d '{\"email\":\"" + admin.email() + "\",\"password\":\""
        + (admin.fromEnvironment() ? "<GRIDWIRE_ADMIN_PASSWORD>" : admin.password()) + "\"}'");
    if (demo.gateway().mqttBroker() != null) {
      var mqtt = demo.gateway().mqttBrokerCredentials();
      System.out.println("  MQTT:       " + demo.gateway().mqttBroker().url() + "   (embedded broker, user " + mqtt.username()
          + " / " + mqtt.password() + ")");
      System.out.println("              try: mosquitto_sub -h 127.0.0.1 -p " + demo.gateway().mqttBroker().port() + " -u "
          + mqtt.username() + " -P '" + mqtt.password() + "' -t 'gridwire/#' -v");
    }
    if (demo.gateway().oig() != null) {
      System.out.println("  OIG proxy:  127.0.0.1:" + demo.gateway().oig().port() + "   (a simulated box is connected)");
    }
    System.out.println("  Stop:       Ctrl-C");
    System.out.println();
    stop.awaitThenClose(demo);
    return 0;
  }

  /** The demo's admin: GRIDWIRE_ADMIN_EMAIL/PASSWORD when both are set, else a generated one. */
  record DemoAdmin(String email, String password, boolean fromEnvironment) {
    static DemoAdmin of(io.gridwire.app.config.AuthConfig auth) {
      if (auth.adminEmail() != null && auth.adminPassword() != null) {
        return new DemoAdmin(auth.adminEmail(), auth.adminPassword(), true);
      }
      return new DemoAdmin(DEMO_EMAIL, newPassword(), false);
    }

    /** What the banner shows: the password only when it was generated for this run. */
    String signIn() {
      return fromEnvironment ? email + "  /  the password in GRIDWIRE_ADMIN_PASSWORD"
          : email + "  /  " + password + "   (generated for this run; set GRIDWIRE_ADMIN_EMAIL and GRIDWIRE_ADMIN_PASSWORD to choose)";
    }
  }

  static String newPassword() {
    byte[] b = new byte[12];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
