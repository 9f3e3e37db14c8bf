package org.rec4j.eval;

import java.util.BitSet;

/**
 * Catalog coverage: the fraction of the catalog's items that appear in at least one recommendation
 * list.
 */
public final class CatalogCoverage implements ListMetric {
  private final int numItems;

  /** Coverage over a catalog of {@code numItems} items (ids {@code 0..numItems-1}). */
  public CatalogCoverage(int numItems) {
    if (numItems <= 0) throw new IllegalArgumentException("numItems must be > 0, got " + numItems);
    this.numItems = numItems;
  }

  @Override
  public String name() {
    return "coverage";
  }

  @Override
  public double compute(int[][] lists) {
    BitSet seen = new BitSet(numItems);
    for (int[] l : lists) for (int i : l) seen.set(i);
    return (double) seen.cardinality() / numItems;
  }
}
