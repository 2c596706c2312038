package io.gridwire.e2e.bench;

import static org.awaitility.Awaitility.await;

import io.gridwire.e2e.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;

/**
 * Takes the screenshots of docs/getting-started.md from a running {@code ./gridwire demo}: signs in,
 * lets history accumulate for a while, then captures each page (to target/screenshots/demo-*.png).
 * Usage: {@code DemoScreenshots <checkout> [warm-up seconds]}.
 */
public final class DemoScreenshots {
  private DemoScreenshots() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 90;
    try (Browser b = new Browser(); DemoTiming.Demo demo = DemoTiming.Demo.start(root, Files.createTempDirectory("gridwire-demo-shots-"))) {
      String base = demo.url();
      b.open(base + "/");
      b.waitFor(By.id("email"));
      b.driver.findElement(By.id("email")).sendKeys(demo.email());
      b.driver.findElement(By.id("password")).sendKeys("wrong password");
      b.driver.findElement(By.id("sign-in")).click();
      await().atMost(Duration.ofSeconds(10)).until(() -> b.text(By.id("login-error")).contains("Wrong"));
      b.screenshot("demo-sign-in");
      b.signIn(base, demo.email(), demo.password());
      Thread.sleep(warmup * 1000L);
      b.open(base + "/?s=1#/devices");
      await().atMost(Duration.ofSeconds(20)).until(() -> b.text(By.id("device-summary")).contains("devices"));
      Thread.sleep(1500);
      b.screenshot("demo-devices");
      String modbus = (String) b.js("const r = [...document.querySelectorAll('#device-list a.vrow')].find(a => a.textContent.includes('modbus'));"
          + " return r ? r.dataset.id : 'synthetic-1';");
      b.open(base + "/#/device/" + modbus);
      await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> b.driver.findElements(By.cssSelector(".chart-box[data-points]")).size() > 0);
      b.driver.findElement(By.cssSelector("#ranges button[data-range='15m']")).click();
      Thread.sleep(2500);
      b.js("window.scrollTo(0, 0)");
      Thread.sleep(500);
      b.screenshot("demo-device");
      b.js("document.getElementById('charts').scrollIntoView()");
      Thread.sleep(800);
      b.screenshot("demo-charts");
      for (String page : new String[] {"oig", "modbus", "sessions"}) {
        b.open(base + "/#/" + page);
        Thread.sleep(2500);
        b.screenshot("demo-" + page);
      }
      System.out.println("screenshots in " + Browser.SCREENSHOTS.toAbsolutePath());
    }
  }
}
