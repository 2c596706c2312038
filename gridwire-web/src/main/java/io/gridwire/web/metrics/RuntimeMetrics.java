package io.gridwire.web.metrics;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import java.lang.management.ManagementFactory;

/**
 * JVM ({@code jvm_memory_*}, {@code jvm_gc_*}, {@code jvm_threads_*}, {@code jvm_classes_*}) and
 * process ({@code process_cpu_seconds_total}, {@code process_cpu_usage}, {@code process_uptime_seconds}, {@code process_files_*})
 * meters, and {@code gridwire_build_info{version,java}} = 1, on a registry. Bind once per process.
 */
public final class RuntimeMetrics implements AutoCloseable {
  private final JvmGcMetrics gc = new JvmGcMetrics();

  private RuntimeMetrics() {}

  /** @return what to close when the process stops (the GC listener) */
  public static RuntimeMetrics bind(MeterRegistry registry, String version) {
    RuntimeMetrics m = new RuntimeMetrics();
    // Names promtool rejects: process_cpu_time_ns_total (abbreviated unit; seconds below instead)
    // and system_cpu_count (a gauge ending in _count).
    registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"))
        .meterFilter(MeterFilter.denyNameStartsWith("system.cpu.count"));
    if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
      FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9).baseUnit("seconds")
          .description("CPU time used by the gateway process").register(registry);
    }
    new JvmMemoryMetrics().bindTo(registry);
    m.gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    Gauge.builder("gridwire.build.info", () -> 1).description("the running Gridwire version (always 1)")
        .tags("version", version, "java", Runtime.version().toString()).register(registry);
    return m;
  }

  @Override
  public void close() {
    gc.close();
  }
}
