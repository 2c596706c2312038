package io.gridwire.notify.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook receiver on 127.0.0.1 that answers 200, 500, or never, as the test says. */
final class WebhookReceiver implements AutoCloseable {
  enum Mode { OK, FAIL, HANG }

  volatile Mode mode = Mode.OK;
  final AtomicInteger attempts = new AtomicInteger();
  private final List<String> accepted = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final HttpServer server;

  WebhookReceiver(int port) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/hook", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      attempts.incrementAndGet();
      Mode m = mode;
      if (m == Mode.HANG) {
        try {
          release.await();
        } catch (InterruptedException ignored) {
          // test over
        }
      }
      int status = m == Mode.OK ? 200 : 500;
      if (status == 200) {
        synchronized (accepted) {
          accepted.add(body);
        }
      }
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
    server.start();
  }

  List<String> accepted() {
    synchronized (accepted) {
      return List.copyOf(accepted);
    }
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }
}
