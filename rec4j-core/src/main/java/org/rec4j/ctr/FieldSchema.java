package org.rec4j.ctr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The ordered fields of a CTR task and their place in one global id space: field {@code f}'s local
 * id {@code i} is global id {@code offset(f) + i}, so every model can hold one embedding table of
 * {@link #totalIds()} rows.
 *
 * @param fields the fields in example order
 */
public record FieldSchema(List<Field> fields) {

  /** Copies the list and checks that names are unique. */
  public FieldSchema {
    fields = Collections.unmodifiableList(new ArrayList<>(fields));
    if (fields.isEmpty())
      throw new IllegalArgumentException("a field schema needs at least one field");
    for (int a = 0; a < fields.size(); a++) {
      for (int b = 0; b < a; b++) {
        if (fields.get(a).name().equals(fields.get(b).name()))
          throw new IllegalArgumentException("duplicate field name: " + fields.get(a).name());
      }
    }
  }

  /** Number of fields F. */
  public int size() {
    return fields.size();
  }

  /** Field {@code f}. */
  public Field field(int f) {
    return fields.get(f);
  }

  /** The first global id of field {@code f}. */
  public int offset(int f) {
    int o = 0;
    for (int k = 0; k < f; k++) o += fields.get(k).size();
    return o;
  }

  /** Total ids over all fields (rows of a shared embedding table). */
  public int totalIds() {
    return offset(fields.size());
  }

  /**
   * Floats per example over all dense fields: the sum of their dimensions (0 when there are none).
   */
  public int denseWidth() {
    return denseOffset(fields.size());
  }

  /**
   * Where field {@code f}'s vector starts in an example's dense block: the dimensions of the dense
   * fields before it.
   */
  public int denseOffset(int f) {
    int o = 0;
    for (int k = 0; k < f; k++) o += fields.get(k).dim();
    return o;
  }

  /** The position of field {@code name}; throws naming the valid names if absent. */
  public int indexOf(String name) {
    for (int f = 0; f < fields.size(); f++) if (fields.get(f).name().equals(name)) return f;
    throw new IllegalArgumentException(
        "unknown field '"
            + name
            + "'; expected one of "
            + fields.stream().map(Field::name).toList());
  }
}
