package io.gridwire.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;

  @Test
  void version_printsVersionAndExitsZero() {
    assertThat(run("version")).startsWith("0:gridwire ");
  }

  @Test
  void run_withBadConfig_exitsTwoNamingTheKey() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "http:\n  port: -1\n");
    String out = run("run", "--config", f.toString());
    assertThat(out).startsWith("2:").contains("http.port out of range");
  }

  @Test
  void usersAddAndList_roundTripThroughTheStore() throws Exception {
    Path f = dir.resolve("g.yaml");
    Files.writeString(f, "node:\n  data_dir: " + dir + "\nauth:\n  bcrypt_cost: 4\n");
    var in = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream("a-long-password\n".getBytes()));
      assertThat(run("users", "add", "--config", f.toString(), "--email", "viewer@example.com", "--password-stdin"))
          .startsWith("0:").contains("added viewer@example.com (viewer)");
    } finally {
      System.setIn(in);
    }
    assertThat(run("users", "list", "--config", f.toString())).contains("viewer@example.com").contains("viewer");
  }

  @Test
  void usersRoleAndRemove_lastAdminRefusedWithoutStackTrace() throws Exception {
    Path f = dir.resolve("r.yaml");
    Files.writeString(f, "node:\n  data_dir: " + dir + "\nauth:\n  bcrypt_cost: 4\n");
    var in = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream("a-long-password\n".getBytes()));
      assertThat(run("users", "add", "--config", f.toString(), "--email", "boss@example.com", "--role", "admin",
          "--password-stdin")).startsWith("0:");
      System.setIn(new java.io.ByteArrayInputStream("a-long-password\n".getBytes()));
      assertThat(run("users", "add", "--config", f.toString(), "--email", "ops@example.com", "--password-stdin")).startsWith("0:");
    } finally {
      System.setIn(in);
    }
    assertThat(run("users", "role", "--config", f.toString(), "--email", "boss@example.com", "--role", "viewer"))
        .startsWith("2:").contains("only admin").doesNotContain("at io.gridwire");
    assertThat(run("users", "role", "--config", f.toString(), "--email", "ops@example.com", "--role", "admin"))
        .startsWith("0:").contains("ops@example.com is now admin");
    assertThat(run("users", "remove", "--config", f.toString(), "--email", "boss@example.com")).startsWith("0:")
        .contains("removed boss@example.com");
    assertThat(run("users", "remove", "--config", f.toString(), "--email", "ops@example.com")).startsWith("2:")
        .contains("only admin");
    assertThat(run("users", "list", "--config", f.toString())).contains("ops@example.com").doesNotContain("boss@");
  }

  @Test
  void configCheck_scrapeToken_masked() throws Exception {
    Path f = dir.resolve("m.yaml");
    Files.writeString(f, "http:\n  metrics_scrape_token: a-very-secret-scrape-token\n");
    assertThat(run("config", "check", "--config", f.toString())).startsWith("0:").contains("metricsScrapeToken=***")
        .doesNotContain("a-very-secret-scrape-token");
  }

  @Test
  void help_onSubcommands_usageAndExitZero() {
    assertThat(run("demo", "--help")).startsWith("0:").contains("Usage: gridwire demo");
    assertThat(run("run", "--help")).startsWith("0:").contains("Usage: gridwire run");
    assertThat(run("users", "add", "-h")).startsWith("0:").contains("Usage: gridwire users add");
  }

  @Test
  void demoAdmin_environmentGiven_usesItAndNeverPrintsThePassword() {
    var admin = DemoCommand.DemoAdmin.of(new io.gridwire.app.config.AuthConfig("ops@example.com", "a-long-password", 11));
    assertThat(admin).isEqualTo(new DemoCommand.DemoAdmin("ops@example.com", "a-long-password", true));
    assertThat(admin.signIn()).contains("ops@example.com").doesNotContain("a-long-password");
  }

  @Test
  void demoAdmin_noEnvironment_generatedAndSaysHowToChoose() {
    var admin = DemoCommand.DemoAdmin.of(io.gridwire.app.config.AuthConfig.defaults());
    assertThat(admin.email()).isEqualTo(DemoCommand.DEMO_EMAIL);
    assertThat(admin.fromEnvironment()).isFalse();
    assertThat(admin.signIn()).contains(admin.password(), "GRIDWIRE_ADMIN_EMAIL");
  }

  private static String run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(buf, true);
    try {
      System.setOut(capture);
      System.setErr(capture);
      int code = Main.execute(args);
      return code + ":" + buf;
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
