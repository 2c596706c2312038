package io.gridwire.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwire.testkit.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The dashboard's alarms in a real browser: a simulated HGM9520N (commanded through the
 * simulator's stdin) goes into a low-oil-pressure shutdown; the banner, the device badge and the
 * alarms page show it, an admin acknowledges it, and the alarm reset clears it. Screenshots go to
 * target/screenshots.
 */
class AlarmDashboardIT {
  @Test
  void shutdown_bannerBadgeListAcknowledgeAndReset() throws Exception {
    Path jar = Requirements.require();
    int modbusPort = FreePorts.next();
    try (SimulatorProcess genset = SimulatorProcess.start(jar, "alarm-sim", modbusPort, "modbus", "--profile",
            "smartgen-hgm9520n", "--port", Integer.toString(modbusPort));
        GatewayProcess gateway = new GatewayProcess(jar, "alarms", """
            modbus:
              devices:
                - {id: gen-alarm, name: Genset A, site: plant-a, profile: smartgen-hgm9520n, host: 127.0.0.1, port: %d, interval: 500ms}
            alarms:
              clear_hold: 1s
            """.formatted(modbusPort)).addUser(GatewayProcess.ADMIN_EMAIL, "admin", GatewayProcess.ADMIN_PASSWORD).start();
        Browser browser = new Browser()) {
      String base = gateway.url("");
      browser.signIn(base, GatewayProcess.ADMIN_EMAIL, GatewayProcess.ADMIN_PASSWORD);
      genset.command("set oil_pressure 60");
      genset.command("alarm shutdown_low_oil_pressure on");

      await("alarm banner").atMost(Duration.ofSeconds(20)).until(() -> browser.text(By.id("alarm-banner"))
          .contains("1 active alarm (1 critical)"));
      assertThat(browser.text(By.id("alarm-banner"))).contains("gen-alarm: Low oil pressure");
      await("badge on the device row").atMost(Duration.ofSeconds(20)).until(() ->
          !browser.driver.findElements(By.cssSelector("#device-list a.vrow .alarm-count")).isEmpty());
      browser.screenshot("alarms-01-devices-badge");

      browser.open(base + "/#/alarms");
      browser.waitFor(By.cssSelector("#alarm-list tr.alarm.critical"));
      assertThat(browser.text(By.id("alarm-list"))).contains("Low oil pressure").contains("oil_pressure 60");
      browser.driver.findElement(By.cssSelector("#alarm-list button.ack")).click();
      await("acknowledged").atMost(Duration.ofSeconds(10)).until(() ->
          browser.text(By.id("alarm-list")).contains("acknowledged by " + GatewayProcess.ADMIN_EMAIL));
      browser.screenshot("alarms-02-list-acknowledged");

      genset.command("set oil_pressure 420");
      genset.command("reset");
      await("cleared").atMost(Duration.ofSeconds(20)).until(() -> browser.text(By.id("alarm-list")).contains("No active alarms"));
      await("banner gone").atMost(Duration.ofSeconds(10)).until(() ->
          !browser.driver.findElement(By.id("alarm-banner")).isDisplayed());

      browser.open(base + "/#/device/gen-alarm");
      await("alarm history on the device page, newest first").atMost(Duration.ofSeconds(15)).until(() -> {
        String history = browser.text(By.id("device-alarm-history"));
        return history.contains("Low oil pressure") && history.indexOf("cleared") >= 0
            && history.indexOf("cleared") < history.indexOf("raised");
      });
    }
  }
}
