package org.rec4j.ctr;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rec4j.model.ScoringGraph;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.Autograd;
import org.rec4j.tensor.Tensor;

/**
 * The inputs of a CTR network's scoring graph when every field belongs to the user or the item
 * ({@link EntityFeatures}): what {@link CtrNetwork#describeLogit} reads besides its own layers.
 *
 * <p>A field's embedding — pooled multi-hot ids, a numeric field's scaled row, a dense field's
 * projection plus its row — and its first-order term depend only on the field's entity. So they are
 * computed once per user and per item in evaluation mode, by the network's own {@link
 * CtrNetwork#embed} and {@link CtrNetwork#linearByField} over examples holding every user (or
 * item), and placed in the graph as constant tables that the pair's ids index: {@code
 * user_fields.<table>} {@code [numUsers, F_user·k]} (the user fields' embeddings, concatenated in
 * field order) and {@code user_fields.<linear>} {@code [numUsers]} (the sum of their first-order
 * terms), likewise for items. {@link #embeddings} then rebuilds the pair's field embeddings {@code
 * [N, F, k]} in schema order, {@link #linear} its first-order term. The tables record the
 * parameters and feature values they were computed from, so the export still checks that the
 * description covers the whole state.
 */
final class EntityGraph {
  /** Rows (users or items) embedded per block. */
  private static final int BLOCK = 4096;

  private final ScoringGraph g;
  private final CtrNetwork net;
  private final EntityFeatures features;
  private final int numUsers;
  private final int numItems;
  private final Map<Parameter, String> names = new IdentityHashMap<>();
  private final Map<Parameter, String> embedded = new IdentityHashMap<>();
  private final Map<Parameter, String> linears = new IdentityHashMap<>();

  /**
   * The inputs over {@code g}'s (user, item) pairs of {@code net} (in evaluation mode) fed by
   * {@code features} of {@code numUsers} users and {@code numItems} items.
   */
  EntityGraph(ScoringGraph g, CtrNetwork net, EntityFeatures features, int numUsers, int numItems) {
    this.g = g;
    this.net = net;
    this.features = features;
    this.numUsers = numUsers;
    this.numItems = numItems;
    net.namedParameters().forEach((k, p) -> names.put(p, k));
  }

  /** The graph being built. */
  ScoringGraph graph() {
    return g;
  }

  /**
   * The pairs' field embeddings {@code [N, F, k]} from the embedding table {@code table}, fields in
   * schema order (as {@link CtrNetwork#embed} gives them).
   */
  String embeddings(Parameter table) {
    String done = embedded.get(table);
    if (done != null) return done;
    String name = name(table);
    int k = table.value().dim(1), nf = features.fields().size();
    List<Integer> order = new ArrayList<>();
    String flat = null;
    for (EntityFeatures.Entity e : EntityFeatures.Entity.values()) {
      int[] own = fieldsOf(e);
      if (own.length == 0) continue;
      int rows = rows(e);
      int width = own.length * k;
      float[] t = new float[Math.multiplyExact(rows, width)];
      forEachBlock(
          e,
          (batch, from) -> {
            float[] emb = net.embed(table, batch).data(); // [B, F, k]
            for (int b = 0; b < batch.size(); b++)
              for (int j = 0; j < own.length; j++)
                System.arraycopy(emb, (b * nf + own[j]) * k, t, (from + b) * width + j * k, k);
          });
      String rowsOf =
          g.tableLookup(prefix(e) + name, Tensor.wrap(t, rows, width), ids(e), sources(table, own));
      flat = flat == null ? rowsOf : g.concat(flat, rowsOf);
      for (int f : own) order.add(f);
    }
    String e = g.reshape(flat, 0, nf, k);
    int[] perm = new int[nf]; // schema field f is at position perm[f] of the concatenation
    for (int pos = 0; pos < nf; pos++) perm[order.get(pos)] = pos;
    boolean identity = true;
    for (int f = 0; f < nf; f++) identity &= perm[f] == f;
    if (!identity) e = g.select(e, 1, perm);
    embedded.put(table, e);
    return e;
  }

  /**
   * The pairs' first-order term {@code b + Σ_j x_j w_j} {@code [N]} of the table and bias {@code
   * wb} (as {@link CtrNetwork#linear} gives it).
   */
  String linear(Parameter[] wb) {
    String done = linears.get(wb[0]);
    if (done != null) return done;
    String name = name(wb[0]);
    int nf = features.fields().size();
    String sum = null;
    for (EntityFeatures.Entity e : EntityFeatures.Entity.values()) {
      int[] own = fieldsOf(e);
      if (own.length == 0) continue;
      float[] t = new float[rows(e)];
      forEachBlock(
          e,
          (batch, from) -> {
            float[] terms = net.linearByField(wb, batch).data(); // [B, F]
            for (int b = 0; b < batch.size(); b++) {
              float s = 0;
              for (int f : own) s += terms[b * nf + f];
              t[from + b] = s;
            }
          });
      String part =
          g.tableLookup(prefix(e) + name, Tensor.wrap(t, t.length), ids(e), sources(wb[0], own));
      sum = sum == null ? part : g.add(sum, part);
    }
    String y = g.add(sum, g.vector(name(wb[1])));
    linears.put(wb[0], y);
    return y;
  }

  /**
   * The state a table of the fields {@code own} is computed from: {@code table}, the fields' dense
   * projections of {@code table} and their feature values.
   */
  private List<String> sources(Parameter table, int[] own) {
    List<String> out = new ArrayList<>(List.of(name(table)));
    Parameter[] projections = net.denseProjections(table);
    for (int f : own) {
      if (projections != null && projections[f] != null) out.add(name(projections[f]));
      out.addAll(features.stateKeys(f));
    }
    return out;
  }

  private String name(Parameter p) {
    String n = names.get(p);
    if (n == null)
      throw new IllegalStateException(net.name() + ": a parameter of its graph is not registered");
    return n;
  }

  /** The schema positions of {@code e}'s fields, ascending. */
  private int[] fieldsOf(EntityFeatures.Entity e) {
    List<EntityFeatures.Entity> keys = features.keys();
    return java.util.stream.IntStream.range(0, keys.size()).filter(f -> keys.get(f) == e).toArray();
  }

  private int rows(EntityFeatures.Entity e) {
    return e == EntityFeatures.Entity.USER ? numUsers : numItems;
  }

  private String ids(EntityFeatures.Entity e) {
    return e == EntityFeatures.Entity.USER ? g.users() : g.items();
  }

  private static String prefix(EntityFeatures.Entity e) {
    return e == EntityFeatures.Entity.USER ? "user_fields." : "item_fields.";
  }

  /** Work on one block of examples: {@code batch} holds rows {@code from ..}. */
  private interface Block {
    void accept(FieldBatch batch, int from);
  }

  /**
   * Runs {@code work} over examples pairing every row of {@code e} with row 0 of the other entity
   * (whose fields {@code work} ignores), in blocks, without a tape.
   */
  private void forEachBlock(EntityFeatures.Entity e, Block work) {
    int n = rows(e);
    int[] rows = new int[n], zeros = new int[n];
    for (int r = 0; r < n; r++) rows[r] = r;
    boolean user = e == EntityFeatures.Entity.USER;
    FieldDataset data =
        features.examples(user ? rows : zeros, user ? zeros : rows, new float[n], zeros, null);
    Map<Integer, FieldBatch> batches = new LinkedHashMap<>();
    try (var ng = Autograd.noGrad()) {
      for (int from = 0; from < n; from += BLOCK) {
        int size = Math.min(BLOCK, n - from);
        FieldBatch batch = batches.computeIfAbsent(size, s -> new FieldBatch(data.schema(), s));
        data.fill(batch, null, from);
        work.accept(batch, from);
      }
    }
  }
}
