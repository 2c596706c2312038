package io.gridwire.notify.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A one-connection SMTP peer on 127.0.0.1 that answers each client line with what {@code answer}
 * returns (null: say nothing), records every line it receives, and swallows DATA until the dot.
 */
final class ScriptedSmtpServer implements AutoCloseable {
  final List<String> received = new CopyOnWriteArrayList<>();
  private final ServerSocket server;

  ScriptedSmtpServer(String greeting, Function<String, String> answer) throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().start(() -> serve(greeting, answer));
  }

  int port() {
    return server.getLocalPort();
  }

  private void serve(String greeting, Function<String, String> answer) {
    try (Socket s = server.accept()) {
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = s.getOutputStream();
      if (greeting != null) out.write((greeting + "\r\n").getBytes(StandardCharsets.UTF_8));
      boolean data = false;
      String line;
      while ((line = in.readLine()) != null) {
        received.add(line);
        if (data && !line.equals(".")) continue;
        String reply = data ? "250 queued" : answer.apply(line);
        data = !data && line.equals("DATA") && reply.startsWith("354");
        if (reply != null) out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException ignored) {
      // the client closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
