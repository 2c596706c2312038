package io.gridwire.core.reading;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An unmodifiable map of distinct metric names, in order, all to one value: the values of a
 * {@link Reading#gap} (every held value no-data). An array of shared names instead of a map entry
 * per metric: when 5,000 gensets of 640 metrics stop at once, 13 MB instead of about 200 MB.
 */
final class SameValueMap extends AbstractMap<String, Value> {
  private final String[] keys;
  private final Value value;

  /** @param keys distinct names, not copied */
  SameValueMap(String[] keys, Value value) {
    this.keys = keys;
    this.value = value;
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public boolean containsKey(Object key) {
    for (String k : keys) {
      if (k.equals(key)) return true;
    }
    return false;
  }

  @Override
  public Value get(Object key) {
    return containsKey(key) ? value : null;
  }

  @Override
  public Set<Map.Entry<String, Value>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return keys.length;
      }

      @Override
      public Iterator<Map.Entry<String, Value>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < keys.length;
          }

          @Override
          public Map.Entry<String, Value> next() {
            if (i >= keys.length) throw new NoSuchElementException();
            return new SimpleImmutableEntry<>(keys[i++], value);
          }
        };
      }
    };
  }
}
