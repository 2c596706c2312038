package io.gridwire.uplink.outbox;

class InMemoryOutboxTest extends OutboxContract {
  @Override
  Outbox open(OutboxBounds bounds) {
    return new InMemoryOutbox(bounds);
  }
}
