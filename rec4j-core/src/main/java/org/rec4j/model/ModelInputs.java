package org.rec4j.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the data of a run gives a model to be built from: the id space, whether the task regresses
 * ratings, the initialization seed, and, keyed by type, the richer inputs some families need (a CTR
 * model's fields, later histories, graphs and content). Each richer input is registered with the
 * {@link ModelInput} kind it provides, so the registry can tell a model what is missing. Immutable;
 * {@link #with} returns a copy.
 */
public final class ModelInputs {
  private final int numUsers;
  private final int numItems;
  private final boolean rating;
  private final long seed;
  private final Map<Class<?>, Object> extra;
  private final Set<ModelInput> available;

  private ModelInputs(
      int numUsers,
      int numItems,
      boolean rating,
      long seed,
      Map<Class<?>, Object> extra,
      Set<ModelInput> available) {
    if (numUsers < 1) throw new IllegalArgumentException("numUsers must be >= 1, got " + numUsers);
    if (numItems < 1) throw new IllegalArgumentException("numItems must be >= 1, got " + numItems);
    this.numUsers = numUsers;
    this.numItems = numItems;
    this.rating = rating;
    this.seed = seed;
    this.extra = Collections.unmodifiableMap(extra);
    this.available = Collections.unmodifiableSet(available);
  }

  /** Ids only: {@code users} × {@code items}, a rating or implicit task, and a seed. */
  public static ModelInputs ids(int users, int items, boolean rating, long seed) {
    return new ModelInputs(
        users, items, rating, seed, new LinkedHashMap<>(), EnumSet.of(ModelInput.IDS));
  }

  /** A copy that also provides {@code kind} as {@code value} of {@code type}. */
  public <T> ModelInputs with(ModelInput kind, Class<T> type, T value) {
    Map<Class<?>, Object> m = new LinkedHashMap<>(extra);
    m.put(type, type.cast(value));
    Set<ModelInput> a = EnumSet.copyOf(available);
    a.add(kind);
    return new ModelInputs(numUsers, numItems, rating, seed, m, a);
  }

  /** The input of {@code type}, if provided. */
  public <T> Optional<T> get(Class<T> type) {
    return Optional.ofNullable(type.cast(extra.get(type)));
  }

  /** The kinds of input provided. */
  public Set<ModelInput> available() {
    return available;
  }

  /** Users in the id space. */
  public int numUsers() {
    return numUsers;
  }

  /** Items in the id space. */
  public int numItems() {
    return numItems;
  }

  /** Whether the task regresses explicit ratings. */
  public boolean rating() {
    return rating;
  }

  /** The initialization seed. */
  public long seed() {
    return seed;
  }
}
