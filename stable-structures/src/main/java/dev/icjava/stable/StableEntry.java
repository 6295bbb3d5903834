package dev.icjava.stable;

import java.util.Map;
import java.util.Objects;

/** An entry read from a {@link StableBTreeMap}: a snapshot, not a view ({@link #setValue} throws). */
final class StableEntry<K, V> implements Map.Entry<K, V> {
  private final K key;
  private final V value;

  StableEntry(K key, V value) {
    this.key = key;
    this.value = value;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    return value;
  }

  @Override
  public V setValue(V v) {
    throw new UnsupportedOperationException("use StableBTreeMap.insert");
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Map.Entry)) {
      return false;
    }
    Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
    return Objects.equals(key, e.getKey()) && Objects.equals(value, e.getValue());
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(key) ^ Objects.hashCode(value);
  }

  @Override
  public String toString() {
    return key + "=" + value;
  }
}
