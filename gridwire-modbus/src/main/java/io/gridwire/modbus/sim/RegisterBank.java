package io.gridwire.modbus.sim;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The simulated device's memory: 65,536 registers (served for function 3 and 4) and 65,536
 * coils (function 1 and 2). Thread-safe; a register write is atomic per word.
 */
public final class RegisterBank {
  private final AtomicIntegerArray registers = new AtomicIntegerArray(65536);
  private final AtomicIntegerArray coils = new AtomicIntegerArray(65536);

  public int register(int address) {
    return registers.get(address);
  }

  public void setRegister(int address, int value) {
    registers.set(address, value & 0xFFFF);
  }

  public boolean coil(int address) {
    return coils.get(address) != 0;
  }

  public void setCoil(int address, boolean on) {
    int was = coils.getAndSet(address, on ? 1 : 0);
    java.util.function.IntConsumer l = onRise;
    if (on && was == 0 && l != null) l.accept(address);
  }

  private volatile java.util.function.IntConsumer onRise;

  /** Called with the coil address each time a coil goes from OFF to ON (a command pulse's edge). */
  public void onCoilRise(java.util.function.IntConsumer listener) {
    this.onRise = listener;
  }
}
