package io.gridwire.oig.proxy;

import io.gridwire.core.bus.Bus;
import io.gridwire.core.event.Event;
import io.gridwire.core.port.DurableQueue;
import io.gridwire.oig.capture.CaptureWriter;
import io.gridwire.core.log.RateLimitedLog;
import io.gridwire.core.schedule.Scheduler;
import java.time.Clock;

/**
 * What every session shares.
 *
 * @param stats proxy-wide totals every session adds to
 * @param capture null when capture is off
 * @param backfill null when backfill is off
 * @param warnings operator warnings about hostile or broken connections, at most one a minute per kind
 * @param connector opens cloud connections (blocking: on virtual threads)
 * @param scheduler times probes of the cloud (each run on a virtual thread)
 * @param settings local settings through the command ledger; null when the gateway makes none
 */
record ProxyContext(OigConfig config, OigRuntime runtime, Clock clock, CloudConnector connector, Telemetry telemetry, ProxyStats stats,
    CaptureWriter capture, DurableQueue backfill, Bus<Event> events, Scheduler scheduler,
    RateLimitedLog warnings, io.gridwire.oig.setting.OigSettings settings) {}
