package io.gridwire.modbus.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.api.ApiException;
import io.gridwire.modbus.codec.ModbusRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A write asked for through the API:
 * {@code {"function": "register"|"registers"|"coil"|"coils", "address": 4352, "value": 500}} or
 * {@code "values": [..]}; functions may also be given as numbers 6, 16, 5, 15. Register values
 * are 0..65535 or, for signed fields, −32768..−1 (sent as two's complement).
 *
 * <p>In the command ledger (kind {@code modbus_write}) the same write is a target and a value:
 * {@code register/4352} with {@code 500}, {@code registers/4352} with {@code 500,501},
 * {@code coil/0} with {@code 1}, {@code coils/0} with {@code 1,0,1} ({@link #target},
 * {@link #value}, {@link #fromLedger}).
 *
 * @param request the Modbus request to send
 */
public record WriteCommand(ModbusRequest request) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses a request body; throws a 400 {@link ApiException} with the reason. */
  public static WriteCommand parse(byte[] body) {
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (IOException e) {
      throw ApiException.badRequest("body is not JSON");
    }
    if (n == null || !n.isObject()) throw ApiException.badRequest("body must be a JSON object");
    String fn = n.path("function").asText("").toLowerCase(Locale.ROOT);
    JsonNode address = n.get("address");
    if (address == null || !address.canConvertToInt()) throw ApiException.badRequest("'address' (0..65535) is required");
    int a = address.asInt();
    List<JsonNode> values = values(n);
    try {
      return new WriteCommand(switch (fn) {
        case "register", "6", "06" -> new ModbusRequest.WriteRegister(a, register(single(values)));
        case "registers", "16", "10" -> new ModbusRequest.WriteRegisters(a, values.stream().mapToInt(WriteCommand::register).toArray());
        case "coil", "5", "05" -> new ModbusRequest.WriteCoil(a, coil(single(values)));
        case "coils", "15", "0f" -> new ModbusRequest.WriteCoils(a, coils(values));
        default -> throw ApiException.badRequest("'function' must be register, registers, coil or coils");
      });
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  /**
   * The write a ledger command names.
   *
   * @throws IllegalArgumentException saying what is wrong with the target or the value
   */
  public static WriteCommand fromLedger(String target, String value) {
    int slash = target.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("target must be register/ADDRESS, registers/ADDRESS, coil/ADDRESS or coils/ADDRESS, was '"
          + target + "'");
    }
    String fn = target.substring(0, slash).toLowerCase(Locale.ROOT);
    int a;
    try {
      a = Integer.parseInt(target.substring(slash + 1).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("address in '" + target + "' must be a number 0..65535");
    }
    if (value == null || value.isBlank()) throw new IllegalArgumentException("value is required: a number, or numbers separated by commas");
    String[] parts = value.split(",", -1);
    if (parts.length > ModbusRequest.MAX_WRITE_BITS) throw new IllegalArgumentException("too many values: " + parts.length);
    long[] v = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String t = parts[i].trim();
      if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("on")) t = "1";
      if (t.equalsIgnoreCase("false") || t.equalsIgnoreCase("off")) t = "0";
      try {
        v[i] = Long.parseLong(t);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("value '" + parts[i].trim() + "' is not a whole number");
      }
    }
    boolean coils = fn.startsWith("coil");
    for (long x : v) {
      if (coils && x != 0 && x != 1) throw new IllegalArgumentException("coil value must be 0 or 1 (or true/false), got " + x);
      if (!coils && (x < -32768 || x > 65535)) throw new IllegalArgumentException("register value must be -32768..65535, got " + x);
    }
    return new WriteCommand(switch (fn) {
      case "register" -> new ModbusRequest.WriteRegister(a, (int) single(v) & 0xFFFF);
      case "registers" -> new ModbusRequest.WriteRegisters(a, java.util.Arrays.stream(v).mapToInt(x -> (int) x & 0xFFFF).toArray());
      case "coil" -> new ModbusRequest.WriteCoil(a, single(v) == 1);
      case "coils" -> {
        boolean[] b = new boolean[v.length];
        for (int i = 0; i < b.length; i++) b[i] = v[i] == 1;
        yield new ModbusRequest.WriteCoils(a, b);
      }
      default -> throw new IllegalArgumentException("unknown write '" + fn + "' (register, registers, coil or coils)");
    });
  }

  private static long single(long[] v) {
    if (v.length != 1) throw new IllegalArgumentException("this write takes exactly one value, got " + v.length);
    return v[0];
  }

  /** The ledger target: {@code register/4352}, {@code registers/4352}, {@code coil/0}, {@code coils/0}. */
  public String target() {
    String fn = switch (request) {
      case ModbusRequest.WriteRegister w -> "register";
      case ModbusRequest.WriteRegisters w -> "registers";
      case ModbusRequest.WriteCoil w -> "coil";
      case ModbusRequest.WriteCoils w -> "coils";
      default -> throw new IllegalStateException("not a write: " + request);
    };
    return fn + "/" + request.address();
  }

  /** The ledger value: the words written (coils 0/1), separated by commas. */
  public String value() {
    return java.util.Arrays.stream(words()).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(","));
  }

  private static List<JsonNode> values(JsonNode n) {
    List<JsonNode> out = new ArrayList<>();
    if (n.has("value")) out.add(n.get("value"));
    if (n.has("values")) {
      if (!n.get("values").isArray()) throw ApiException.badRequest("'values' must be a list");
      n.get("values").forEach(out::add);
    }
    if (out.isEmpty()) throw ApiException.badRequest("'value' or 'values' is required");
    return out;
  }

  private static JsonNode single(List<JsonNode> values) {
    if (values.size() != 1) throw ApiException.badRequest("this function writes exactly one value");
    return values.get(0);
  }

  private static int register(JsonNode v) {
    if (!v.isIntegralNumber() || v.asLong() < -32768 || v.asLong() > 65535) {
      throw ApiException.badRequest("register value must be an integer -32768..65535, got " + v);
    }
    return v.asInt() & 0xFFFF;
  }

  private static boolean coil(JsonNode v) {
    if (v.isBoolean()) return v.asBoolean();
    if (v.isIntegralNumber() && (v.asInt() == 0 || v.asInt() == 1)) return v.asInt() == 1;
    throw ApiException.badRequest("coil value must be true/false or 0/1, got " + v);
  }

  private static boolean[] coils(List<JsonNode> values) {
    boolean[] out = new boolean[values.size()];
    for (int i = 0; i < out.length; i++) out[i] = coil(values.get(i));
    return out;
  }

  /** The register words written (coils as 0/1), in address order. */
  public int[] words() {
    return switch (request) {
      case ModbusRequest.WriteRegister w -> new int[] {w.value()};
      case ModbusRequest.WriteRegisters w -> w.values();
      case ModbusRequest.WriteCoil w -> new int[] {w.on() ? 1 : 0};
      case ModbusRequest.WriteCoils w -> {
        int[] out = new int[w.values().length];
        for (int i = 0; i < out.length; i++) out[i] = w.values()[i] ? 1 : 0;
        yield out;
      }
      default -> throw new IllegalStateException("not a write: " + request);
    };
  }

  public boolean coils() {
    return request instanceof ModbusRequest.WriteCoil || request instanceof ModbusRequest.WriteCoils;
  }

  /** The read that confirms the write: FC03 over the written registers, FC01 over the coils. */
  public ModbusRequest readBack() {
    int n = words().length;
    return coils() ? new ModbusRequest.ReadBits(1, request.address(), n)
        : new ModbusRequest.ReadRegisters(3, request.address(), Math.min(n, ModbusRequest.MAX_READ_REGISTERS));
  }
}
