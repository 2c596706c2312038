package io.gridwire.core.bus;

/**
 * Counters of one subscriber, monotonic except {@code queued}.
 *
 * @param name subscriber name
 * @param queued items waiting now (queue plus coalesced)
 * @param delivered items handed to the handler
 * @param coalesced items merged into a waiting item of the same key before delivery (the bus decides
 *     how: the newer replaces, or readings overlay their values)
 * @param dropped items dropped at the bound
 * @param failures handler invocations that threw
 * @param queuedBytes estimated bytes waiting now (queue plus coalesced)
 */
public record SubscriberStats(String name, long queued, long delivered, long coalesced, long dropped, long failures,
    long queuedBytes) {}
