package io.gridwire.uplink.ws;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Broker messages of one session, handed from the WebSocket thread to the pump. Thread-safe. */
final class BrokerInbox {
  final CompletableFuture<BrokerMessage> auth = new CompletableFuture<>();
  final ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
  private final Runnable wake;

  BrokerInbox(Runnable wake) {
    this.wake = wake;
  }

  void accept(BrokerMessage m) {
    switch (m) {
      case BrokerMessage.AuthOk ok -> auth.complete(ok);
      case BrokerMessage.AuthError err -> auth.complete(err);
      case BrokerMessage.Ack ack -> {
        acked.addAll(ack.ids());
        wake.run();
      }
      case BrokerMessage.Other ignored -> { }
    }
  }
}
