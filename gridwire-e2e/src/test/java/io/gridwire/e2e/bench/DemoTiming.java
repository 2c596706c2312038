package io.gridwire.e2e.bench;

import static org.awaitility.Awaitility.await;

import io.gridwire.e2e.Browser;
import io.gridwire.testkit.FreePorts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;

/**
 * Measures what a newcomer waits for: from starting {@code ./gridwire demo} in a checkout to the
 * first live value on the dashboard. The browser is started first (a newcomer has one open); the
 * sign-in is typed by Selenium (instant). Run it on a fresh clone for "build included" (the
 * launcher builds the jar), then again for "build excluded":
 *
 * <pre>
 * git clone /path/to/gridwire /tmp/fresh
 * java -cp ... io.gridwire.e2e.bench.DemoTiming /tmp/fresh     # build included
 * java -cp ... io.gridwire.e2e.bench.DemoTiming /tmp/fresh     # jar present: build excluded
 * </pre>
 */
public final class DemoTiming {
  private static final Pattern SIGN_IN = Pattern.compile("Sign in:\\s+(\\S+)\\s+/\\s+(\\S+)");
  private static final Pattern URL = Pattern.compile("Dashboard:\\s+(http://\\S+?)/?$");

  private DemoTiming() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    boolean jarPresent = Files.exists(root.resolve("gridwire-app/target/gridwire.jar"));
    Path data = Files.createTempDirectory("gridwire-demo-timing-");
    try (Browser b = new Browser()) {
      long t0 = System.nanoTime();
      Demo demo = Demo.start(root, data);
      try {
        String[] b0 = {demo.url(), demo.email(), demo.password()};
        long printed = ms(t0);
        b.signIn(b0[0], b0[1], b0[2]);
        b.open(b0[0] + "/#/device/synthetic-1");
        By v = By.cssSelector("#live-values span[data-metric='gen_uab']");
        String first = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> b.text(v), s -> !s.isBlank());
        long shown = ms(t0);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
            .until(() -> !b.text(v).equals(first));
        long live = ms(t0);
        System.out.printf("./gridwire demo (%s): address printed %d ms, first value on the page %d ms, first live change %d ms%n",
            jarPresent ? "jar present, build excluded" : "fresh checkout, build included", printed, shown, live);
      } finally {
        demo.close();
      }
    }
  }

  /** {@code ./gridwire demo} running in a checkout, with the address and credentials it printed. */
  record Demo(Process process, String url, String email, String password) implements AutoCloseable {
    /** Starts the demo and waits (up to 10 min: the launcher may build first) for its banner. */
    static Demo start(Path root, Path data) throws Exception {
      Process demo = new ProcessBuilder(root.resolve("gridwire").toString(), "demo", "--port", Integer.toString(FreePorts.next()),
          "--data-dir", data.toString()).directory(root.toFile()).redirectErrorStream(true).start();
      CompletableFuture<String[]> banner = new CompletableFuture<>();
      Thread.ofPlatform().daemon().start(() -> {
        String url = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            Matcher u = URL.matcher(line.trim());
            if (u.find()) url = u.group(1);
            Matcher m = SIGN_IN.matcher(line);
            if (m.find() && url != null) banner.complete(new String[] {url, m.group(1), m.group(2)});
          }
        } catch (Exception e) {
          banner.completeExceptionally(e);
        }
        banner.completeExceptionally(new IllegalStateException("demo ended without printing its address"));
      });
      try {
        String[] b = banner.get(10, TimeUnit.MINUTES);
        return new Demo(demo, b[0], b[1], b[2]);
      } catch (Exception e) {
        demo.destroyForcibly();
        throw e;
      }
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
    }
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
