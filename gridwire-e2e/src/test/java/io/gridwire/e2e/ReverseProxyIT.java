package io.gridwire.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;

/**
 * The dashboard behind a real nginx that mounts the gateway under a path prefix: a fixed prefix
 * ({@code /gridwire/}) and Home Assistant's ingress ({@code /api/hassio_ingress/<token>/} with the
 * {@code X-Ingress-Path} header). Sign-in, the device list, live values over the WebSocket and a
 * chart must all work there, and nginx must never see a request outside the prefix. Screenshots
 * of the ingress case go to target/screenshots (the docs use them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReverseProxyIT {
  @RegisterExtension
  static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      if (browser == null) return;
      try {
        System.out.println("FAILED " + context.getDisplayName() + " at " + browser.driver.getCurrentUrl() + "; screenshot "
            + browser.screenshot("FAILED-proxy-" + context.getRequiredTestMethod().getName()));
      } catch (Exception e) {
        System.out.println("no screenshot: " + e);
      }
    }
  };

  static GatewayProcess gateway;
  static Nginx nginx;
  static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    Path jar = Requirements.require();
    gateway = new GatewayProcess(jar, "reverse-proxy", """
        demo:
          synthetic: true
          synthetic_devices: 3
          synthetic_interval: 1s
        """).start();
    nginx = new Nginx(gateway.port());
    browser = new Browser();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) browser.close();
    if (nginx != null) nginx.close();
    if (gateway != null) gateway.close();
  }

  @Test
  @Order(1)
  void fixedPrefix_signInDevicesLiveAndChart_allUnderPrefix() throws Exception {
    String base = nginx.url(Nginx.PREFIX);
    browser.signIn(base, GatewayProcess.ADMIN_EMAIL, GatewayProcess.ADMIN_PASSWORD);
    assertThat(browser.driver.getCurrentUrl()).startsWith(base + "/");
    devicesListedAndLive();
    deviceValuesLiveAndChartDrawn(base, "proxy-prefix");
    assertThat(nginx.requests(Nginx.PREFIX + "/ws/metrics")).as("the WebSocket went through the prefix").isNotEmpty();
    assertThat(nginx.outsideRequests()).as("requests that escaped the prefix").isEmpty();
  }

  @Test
  @Order(2)
  void haIngress_openedWithoutTrailingSlash_pageLoadsThroughBaseHref() throws Exception {
    browser.driver.findElement(By.id("logout")).click();
    browser.waitFor(By.id("email"));
    browser.open(nginx.url(Nginx.INGRESS));
    browser.waitFor(By.id("email"));
    assertThat(browser.driver.getCurrentUrl()).startsWith(nginx.url(Nginx.INGRESS));
    browser.screenshot("ingress-01-sign-in");
    assertThat(nginx.outsideRequests()).as("requests that escaped the ingress path").isEmpty();
  }

  @Test
  @Order(3)
  void haIngress_signInDevicesLiveAndChart_allUnderIngressPath() throws Exception {
    String base = nginx.url(Nginx.INGRESS);
    browser.signIn(base, GatewayProcess.ADMIN_EMAIL, GatewayProcess.ADMIN_PASSWORD);
    devicesListedAndLive();
    browser.screenshot("ingress-02-devices");
    deviceValuesLiveAndChartDrawn(base, "ingress-03-device");
    assertThat(nginx.requests(Nginx.INGRESS + "/ws/metrics")).as("the WebSocket went through the ingress path").isNotEmpty();
    assertThat(nginx.requests(Nginx.INGRESS + "/api/metrics/history")).as("chart history through the ingress path").isNotEmpty();
    assertThat(nginx.outsideRequests()).as("requests that escaped the ingress path").isEmpty();
    assertThat(browser.errorBanners()).isEmpty();
  }

  private static void devicesListedAndLive() {
    await("three synthetic gensets listed").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
        browser.driver.findElements(By.cssSelector("#device-list a.vrow.online")).size() == 3);
    await("live indicator").atMost(Duration.ofSeconds(20)).until(() -> browser.text(By.id("live-state")).contains("live"));
    long before = ((Number) browser.js("return window.gridwireLive.readings")).longValue();
    await("readings arrive over the WebSocket").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> ((Number) browser.js("return window.gridwireLive.readings")).longValue() > before);
  }

  private static void deviceValuesLiveAndChartDrawn(String base, String screenshot) throws Exception {
    browser.open(base + "/#/device/synthetic-1");
    By voltage = By.cssSelector("#live-values span[data-metric='gen_uab']");
    String first = await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.text(voltage), t -> !t.isBlank());
    await("gen_uab changes live").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> !browser.text(voltage).equals(first));
    By chart = By.id("chart");
    await("the chart has history").atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> Integer.parseInt(browser.driver.findElement(chart).getDomAttribute("data-points")) > 0);
    await("chart drawn").atMost(Duration.ofSeconds(10)).until(() -> (Boolean) browser.js("""
        const c = document.querySelector("#chart canvas");
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;
        return false;"""));
    browser.screenshot(screenshot);
  }
}
