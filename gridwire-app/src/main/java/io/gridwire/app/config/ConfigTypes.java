package io.gridwire.app.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.gridwire.core.config.Durations;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;

/**
 * How the value types of config records are written in YAML: durations as {@code 500ms},
 * {@code 2s}, {@code 5m}; time zones by id ({@code Europe/Prague}); an enum with a static
 * {@code fromWire(String)} and a {@code wireName()} by its wire name ({@code accept}), so the
 * modules' records can take their own types and still read and print as the docs show.
 */
final class ConfigTypes {
  private ConfigTypes() {}

  static SimpleModule module() {
    SimpleModule m = new SimpleModule("gridwire-config-types");
    m.addDeserializer(Duration.class, new DurationDeserializer());
    m.addSerializer(Duration.class, new TextSerializer<>(Duration.class, Durations::format));
    m.addDeserializer(ZoneId.class, new ZoneDeserializer());
    m.addSerializer(ZoneId.class, new TextSerializer<>(ZoneId.class, ZoneId::getId));
    m.setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
          BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
        Method fromWire = fromWire(type.getRawClass());
        return fromWire == null ? deserializer : new WireEnumDeserializer(type.getRawClass(), fromWire);
      }
    });
    m.setSerializerModifier(new BeanSerializerModifier() {
      @Override
      public JsonSerializer<?> modifyEnumSerializer(SerializationConfig config, JavaType valueType,
          BeanDescription beanDesc, JsonSerializer<?> serializer) {
        return fromWire(valueType.getRawClass()) == null ? serializer : new WireEnumSerializer();
      }
    });
    return m;
  }

  /** The enum's static {@code fromWire(String)}, when it has one and a {@code wireName()}. */
  private static Method fromWire(Class<?> type) {
    try {
      Method m = type.getMethod("fromWire", String.class);
      type.getMethod("wireName");
      return Modifier.isStatic(m.getModifiers()) && m.getReturnType() == type ? m : null;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static final class DurationDeserializer extends StdDeserializer<Duration> {
    DurationDeserializer() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getValueAsString();
      if (text == null) throw new IllegalArgumentException("expected a duration such as 2s, 500ms, 5m");
      if (p.currentToken().isNumeric()) text = text + "s";
      return Durations.parse(text);
    }
  }

  private static final class ZoneDeserializer extends StdDeserializer<ZoneId> {
    ZoneDeserializer() {
      super(ZoneId.class);
    }

    @Override
    public ZoneId deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getValueAsString();
      try {
        return ZoneId.of(text == null ? "" : text.trim());
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("not a time zone: '" + text + "' (use an id such as Europe/Prague or UTC)");
      }
    }
  }

  private static final class WireEnumDeserializer extends StdDeserializer<Object> {
    private final transient Method fromWire;

    WireEnumDeserializer(Class<?> type, Method fromWire) {
      super(type);
      this.fromWire = fromWire;
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      try {
        return fromWire.invoke(null, p.getValueAsString());
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException r) throw r;
        throw new IllegalArgumentException(e.getCause());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static final class WireEnumSerializer extends StdSerializer<Object> {
    WireEnumSerializer() {
      super(Object.class);
    }

    @Override
    public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      try {
        gen.writeString((String) value.getClass().getMethod("wireName").invoke(value));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static final class TextSerializer<T> extends StdSerializer<T> {
    private final transient java.util.function.Function<T, String> text;

    TextSerializer(Class<T> type, java.util.function.Function<T, String> text) {
      super(type);
      this.text = text;
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(text.apply(value));
    }
  }
}
