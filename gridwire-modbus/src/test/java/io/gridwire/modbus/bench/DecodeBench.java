package io.gridwire.modbus.bench;

import io.gridwire.core.reading.Value;
import io.gridwire.modbus.profile.Block;
import io.gridwire.modbus.profile.Profile;
import io.gridwire.modbus.profile.ProfileLibrary;
import io.gridwire.modbus.register.ValueSink;
import io.gridwire.modbus.sim.ProfileSimulator;
import io.gridwire.modbus.sim.RegisterBank;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Decode throughput of a whole profile (every block, fast and slow) from register words into
 * a reading's value map. registers/s = ops/s × {@link Profile#registerCount()}.
 * Run: {@code java -cp <test classpath> io.gridwire.modbus.bench.DecodeBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeBench {
  @Param({"smartgen-hgm9520n", "smartgen-hgm9560"})
  public String profile;

  private Profile p;
  private int[][] words;

  @Setup
  public void setup() {
    p = ProfileLibrary.builtIns().get(profile);
    RegisterBank bank = new RegisterBank();
    new ProfileSimulator(p, bank).update(12.5);
    words = new int[p.blocks().size()][];
    for (int i = 0; i < words.length; i++) {
      Block b = p.blocks().get(i);
      words[i] = new int[b.count()];
      for (int k = 0; k < b.count(); k++) words[i][k] = bank.register(b.start() + k);
    }
  }

  @Benchmark
  public LinkedHashMap<String, Value> decodeProfile() {
    LinkedHashMap<String, Value> out = new LinkedHashMap<>(128);
    ValueSink sink = out::put;
    for (int i = 0; i < words.length; i++) p.blocks().get(i).decode(words[i], sink);
    return out;
  }

  @Benchmark
  public void decodeProfileNoMap(Blackhole bh) {
    ValueSink sink = (k, v) -> bh.consume(v);
    for (int i = 0; i < words.length; i++) p.blocks().get(i).decode(words[i], sink);
  }

  public static void main(String[] args) throws Exception {
    for (String name : ProfileLibrary.BUILT_IN) {
      Profile pr = ProfileLibrary.builtIns().get(name);
      System.out.println(name + ": " + pr.blocks().size() + " blocks, " + pr.registerCount() + " registers, " + pr.metricInfos().size() + " metrics");
    }
    new Runner(new OptionsBuilder().include(DecodeBench.class.getSimpleName()).forks(1).warmupIterations(2)
        .warmupTime(TimeValue.seconds(1)).measurementIterations(3).measurementTime(TimeValue.seconds(2)).build()).run();
  }
}
