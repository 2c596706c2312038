package io.gridwire.uplink.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/** One client of the stand-in: handshake, auth, then data messages, pings and close. */
final class SimConnection implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final UplinkBrokerSim sim;
  private final Socket socket;
  private final int number;
  private OutputStream out;
  private boolean authenticated;

  SimConnection(UplinkBrokerSim sim, Socket socket, int number) {
    this.sim = sim;
    this.socket = socket;
    this.number = number;
  }

  @Override
  public void run() {
    try (socket) {
      InputStream in = socket.getInputStream();
      out = socket.getOutputStream();
      Map<String, String> req = WsHandshake.readRequest(in);
      String ok = WsHandshake.response(req);
      if (sim.refusing() || ok == null) {
        out.write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        return;
      }
      out.write(ok.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      frames(in);
    } catch (IOException e) {
      // client went away or the stand-in dropped it: nothing to report
    } finally {
      sim.disconnected(this);
    }
  }

  private void frames(InputStream in) throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    while (!socket.isClosed()) {
      sim.awaitUnstalled();
      WsFrame f;
      try {
        f = WsFrame.read(in, sim.config().maxFrameBytes());
      } catch (WsFrame.TooLargeException e) {
        close(1009, "frame too large");
        return;
      }
      switch (f.opcode()) {
        case WsFrame.PING -> send(WsFrame.PONG, f.payload());
        case WsFrame.CLOSE -> {
          send(WsFrame.CLOSE, f.payload().length >= 2 ? new byte[] {f.payload()[0], f.payload()[1]} : new byte[0]);
          return;
        }
        case WsFrame.TEXT, WsFrame.CONTINUATION -> {
          if (message.size() + f.payload().length > sim.config().maxFrameBytes()) {
            close(1009, "message too large");
            return;
          }
          message.writeBytes(f.payload());
          if (f.fin()) {
            text(message.toString(StandardCharsets.UTF_8));
            message.reset();
          }
        }
        default -> { }
      }
    }
  }

  private void text(String text) throws IOException {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (IOException e) {
      close(1007, "malformed JSON");
      return;
    }
    if (!authenticated) {
      auth(n);
      return;
    }
    if (n.path("type").asText("").equals("ping")) {
      sendText("{\"type\":\"pong\"}");
      return;
    }
    ReceivedMessage m = new ReceivedMessage(number, n.path("id").asText(null), n.path("seq").asLong(-1),
        n.path("topic").asText(null), n.path("message").asText(null), n.path("userId").asText(null),
        n.path("timestamp").asText(null), text);
    sim.record(m);
    if (sim.config().acks() && m.id() != null) {
      sendText("{\"type\":\"ack\",\"id\":" + JSON.writeValueAsString(m.id()) + "}");
    }
    sim.afterMessage();
  }

  private void auth(JsonNode n) throws IOException {
    BrokerSimConfig c = sim.config();
    boolean typeOk = n.path("type").asText("").equals("auth");
    boolean credsOk = c.clientId() == null
        || (c.clientId().equals(n.path("clientId").asText(null))
            && Objects.equals(c.clientSecret(), n.path("clientSecret").asText(null)));
    if (!typeOk || !credsOk) {
      sim.authFailed();
      sendText("{\"type\":\"auth_error\",\"reason\":\"" + (typeOk ? "bad credentials" : "auth expected") + "\"}");
      close(1008, "unauthenticated");
      return;
    }
    authenticated = true;
    String user = "user-" + n.path("clientId").asText("anonymous");
    sendText("{\"type\":\"auth_ok\",\"userId\":" + JSON.writeValueAsString(user) + ",\"acks\":" + c.acks() + "}");
  }

  private void sendText(String s) throws IOException {
    send(WsFrame.TEXT, s.getBytes(StandardCharsets.UTF_8));
  }

  private synchronized void send(int opcode, byte[] payload) throws IOException {
    out.write(WsFrame.encode(opcode, payload));
    out.flush();
  }

  private void close(int code, String reason) throws IOException {
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    send(WsFrame.CLOSE, ByteBuffer.allocate(2 + r.length).putShort((short) code).put(r).array());
    socket.close();
  }

  /** Drops the TCP connection without a close frame. */
  void drop() {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }
}
