package io.gridwire.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class WebhookPosterIT {
  @Test
  void post_receiverStallsMidBody_failsWithinTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread receiver = Thread.ofPlatform().daemon().start(() -> stallAfterOneChunk(server, release));
      WebhookConfig c = new WebhookConfig("stall", "http://127.0.0.1:" + server.getLocalPort() + "/hook", null, null, null,
          Duration.ofMillis(500));
      long t0 = System.nanoTime();
      String failure = new WebhookPoster(c).post("{}");
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      release.countDown();
      receiver.join(2_000);
      assertThat(failure).contains("no answer within");
      assertThat(took).isLessThan(Duration.ofMillis(1_500));
    }
  }

  /** Reads the request head, answers 200 chunked with one chunk, then sends nothing more until released. */
  private static void stallAfterOneChunk(ServerSocket server, CountDownLatch release) {
    try (Socket s = server.accept()) {
      InputStream in = s.getInputStream();
      byte[] buf = new byte[8192];
      in.read(buf); // request head and (small) body
      OutputStream out = s.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
          + "5\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      release.await();
    } catch (Exception ignored) {
      // test over
    }
  }
}
