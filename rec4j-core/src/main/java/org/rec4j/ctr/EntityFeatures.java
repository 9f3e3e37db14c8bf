package org.rec4j.ctr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rec4j.tensor.Tensor;

/**
 * The fields of a CTR model when every field belongs to the user or to the item of an example (the
 * MovieLens tasks: user id, gender, age, …; item id, genres, year): each field's encoded values for
 * every user or every item. With them a (user, item) pair is an example, so a trained model scores
 * any pair a request names — the basis of serving CTR models. Fields keyed by the example itself
 * (Frappe's context: daytime, weather, …) have no such form.
 *
 * <p>Saved with the model as exact float tensors {@code features.<field>.offsets|ids|values|dense}
 * (ids and offsets below 2<sup>24</sup>), and described in {@code model.json} by {@link
 * #describe()}.
 *
 * @param fields each field's values over the rows of its entity, in schema order
 * @param keys which entity each field belongs to
 */
public record EntityFeatures(List<FieldValues> fields, List<Entity> keys) {
  /** The entity a field describes. */
  public enum Entity {
    /** One row per user. */
    USER,
    /** One row per item. */
    ITEM
  }

  private static final int EXACT_FLOAT = 1 << 24;

  /** Copies and checks the lists. */
  public EntityFeatures {
    fields = List.copyOf(fields);
    keys = List.copyOf(keys);
    if (fields.size() != keys.size())
      throw new IllegalArgumentException(fields.size() + " fields but " + keys.size() + " keys");
  }

  /** The schema of the fields. */
  public FieldSchema schema() {
    List<Field> fs = new ArrayList<>();
    for (FieldValues v : fields) fs.add(v.field());
    return new FieldSchema(fs);
  }

  /** Rows of the entity of every field (users or items). */
  public int rows(Entity e) {
    for (int f = 0; f < fields.size(); f++) if (keys.get(f) == e) return fields.get(f).rows();
    return 0;
  }

  /**
   * Examples for the pairs {@code (users[j], items[j])}: field values looked up by each pair's user
   * or item.
   */
  public FieldDataset examples(
      int[] users, int[] items, float[] labels, int[] groups, float[] secondary) {
    List<int[]> rows = new ArrayList<>();
    for (Entity k : keys) rows.add(k == Entity.USER ? users : items);
    return FieldDataset.join(fields, rows, labels, groups, secondary);
  }

  /** The layout recorded in {@code model.json}: one entry per field. */
  public List<Map<String, Object>> describe() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int f = 0; f < fields.size(); f++) {
      Field fd = fields.get(f).field();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", fd.name());
      m.put("entity", keys.get(f).name().toLowerCase(java.util.Locale.ROOT));
      m.put("kind", fd.kind().name().toLowerCase(java.util.Locale.ROOT));
      m.put("size", fd.size());
      m.put("pooling", fd.pooling().name().toLowerCase(java.util.Locale.ROOT));
      m.put("dim", fd.dim());
      m.put("rows", fields.get(f).rows());
      out.add(m);
    }
    return out;
  }

  /**
   * Features of the described layout whose values are placeholders (id 0 in every row) until {@link
   * #load} replaces them with saved ones.
   */
  public static EntityFeatures placeholder(List<?> described) {
    List<FieldValues> vs = new ArrayList<>();
    List<Entity> ks = new ArrayList<>();
    for (Object o : described) {
      if (!(o instanceof Map<?, ?> m))
        throw new IllegalArgumentException("inputs.fields: expected objects, got " + o);
      String name = String.valueOf(m.get("name"));
      Field.Kind kind = Field.Kind.valueOf(upper(m.get("kind"), "kind", name));
      Field.Pooling pooling = Field.Pooling.valueOf(upper(m.get("pooling"), "pooling", name));
      int size = intOf(m.get("size"), "size", name), dim = intOf(m.get("dim"), "dim", name);
      int rows = intOf(m.get("rows"), "rows", name);
      Field field =
          kind == Field.Kind.DENSE ? Field.dense(name, dim) : new Field(name, kind, size, pooling);
      int[] offsets = new int[rows + 1];
      for (int r = 0; r <= rows; r++) offsets[r] = r;
      float[] ones = new float[rows];
      java.util.Arrays.fill(ones, 1f);
      vs.add(
          new FieldValues(
              field,
              offsets,
              new int[rows],
              ones,
              field.isDense() ? new float[rows * field.dim()] : null));
      ks.add(Entity.valueOf(upper(m.get("entity"), "entity", name)));
    }
    return new EntityFeatures(vs, ks);
  }

  /** The values as exact float tensors, named {@code features.<field>.<part>}. */
  public Map<String, Tensor> state() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    for (FieldValues v : fields) {
      String p = "features." + v.field().name() + ".";
      m.put(p + "offsets", exact(v.offsets(), v.field().name()));
      m.put(p + "ids", exact(v.ids(), v.field().name()));
      m.put(p + "values", Tensor.wrap(v.values().clone(), v.values().length));
      if (v.dense() != null) m.put(p + "dense", Tensor.wrap(v.dense().clone(), v.dense().length));
    }
    return m;
  }

  /** The names under which {@link #state} holds field {@code f}'s values. */
  public List<String> stateKeys(int f) {
    FieldValues v = fields.get(f);
    String p = "features." + v.field().name() + ".";
    List<String> names = new ArrayList<>(List.of(p + "offsets", p + "ids", p + "values"));
    if (v.dense() != null) names.add(p + "dense");
    return names;
  }

  /** These features with the values of {@code state} (as written by {@link #state}). */
  public EntityFeatures load(Map<String, Tensor> state) {
    List<FieldValues> vs = new ArrayList<>();
    for (FieldValues v : fields) {
      String p = "features." + v.field().name() + ".";
      int[] offsets = ints(require(state, p + "offsets"));
      int[] ids = ints(require(state, p + "ids"));
      float[] values = require(state, p + "values").data().clone();
      float[] dense = v.field().isDense() ? require(state, p + "dense").data().clone() : null;
      if (offsets.length != v.rows() + 1)
        throw new IllegalArgumentException(
            p + "offsets: " + (offsets.length - 1) + " rows, expected " + v.rows());
      vs.add(new FieldValues(v.field(), offsets, ids, values, dense));
    }
    return new EntityFeatures(vs, keys);
  }

  private static Tensor require(Map<String, Tensor> state, String key) {
    Tensor t = state.get(key);
    if (t == null) throw new IllegalArgumentException("state lacks '" + key + "'");
    return t;
  }

  private static Tensor exact(int[] a, String field) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      if (a[i] >= EXACT_FLOAT)
        throw new IllegalArgumentException(
            "field "
                + field
                + ": value "
                + a[i]
                + " is not below 2^24 and cannot be saved exactly");
      f[i] = a[i];
    }
    return Tensor.wrap(f, f.length);
  }

  private static int[] ints(Tensor t) {
    float[] d = t.data();
    int[] a = new int[d.length];
    for (int i = 0; i < d.length; i++) {
      if (d[i] != Math.rint(d[i]) || d[i] < 0)
        throw new IllegalArgumentException("expected non-negative integers, found " + d[i]);
      a[i] = (int) d[i];
    }
    return a;
  }

  private static String upper(Object o, String key, String field) {
    if (o == null)
      throw new IllegalArgumentException("inputs.fields[" + field + "] lacks '" + key + "'");
    return o.toString().toUpperCase(java.util.Locale.ROOT);
  }

  private static int intOf(Object o, String key, String field) {
    if (!(o instanceof Number n))
      throw new IllegalArgumentException(
          "inputs.fields[" + field + "]." + key + ": expected an integer, got " + o);
    return n.intValue();
  }
}
