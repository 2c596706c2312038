package io.gridwire.store.queue;

import io.gridwire.core.port.DurableQueue;
import io.gridwire.core.port.QueueBounds;
import io.gridwire.testkit.store.InMemoryQueue;

/** The tests' queue keeps the contract the SQLite one keeps. */
class InMemoryQueueTest extends DurableQueueContract {
  @Override
  DurableQueue open(QueueBounds bounds) {
    return new InMemoryQueue(bounds);
  }
}
