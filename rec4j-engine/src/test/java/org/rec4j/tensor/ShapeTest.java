package org.rec4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Shape factories and derivations, which are interned: same results as building the dimensions by
 * hand.
 */
class ShapeTest {

  @Test
  void derivationsGiveTheExpectedDimensions() {
    Shape s = Shape.of(4, 5, 6);
    assertArrayEquals(new int[] {4, 9, 6}, s.with(1, 9).dims());
    assertArrayEquals(new int[] {4, 5, 1}, s.with(-1, 1).dims());
    assertSame(s, s.with(2, 6), "an unchanged axis gives the same shape");
    assertArrayEquals(new int[] {5, 6}, s.without(0).dims());
    assertArrayEquals(new int[] {4, 6}, s.without(1).dims());
    assertArrayEquals(new int[] {4, 5}, s.without(-1).dims());
    assertSame(Shape.scalar(), Shape.of(7).without(0));
    assertArrayEquals(
        new int[] {3, 4, 5}, Shape.broadcast(Shape.of(4, 1), Shape.of(3, 1, 5)).dims());
    assertSame(s, Shape.broadcast(s, Shape.of(1, 6)), "a stretched operand gives the other shape");
    assertSame(s, Shape.broadcast(Shape.of(5, 1), s));
  }

  @Test
  void internedShapesEqualFreshOnes() {
    // many shapes share the 1024 table slots: lookups must compare dimensions, never trust a slot
    for (int a = 0; a < 60; a++) {
      for (int b = 0; b < 60; b++) {
        Shape two = Shape.of(a, b);
        assertArrayEquals(new int[] {a, b}, two.dims());
        assertEquals(two, Shape.of(new int[] {a, b}));
        assertEquals(two.hashCode(), java.util.Arrays.hashCode(new int[] {a, b}));
        assertArrayEquals(new int[] {a, b, 3}, Shape.of(a, 7, 3).with(1, b).dims());
        assertArrayEquals(new int[] {b}, Shape.of(a, b).without(0).dims());
      }
    }
  }

  @Test
  void factoriesStillRejectNegativeDimensions() {
    assertThrows(IllegalArgumentException.class, () -> Shape.of(-1));
    assertThrows(IllegalArgumentException.class, () -> Shape.of(2, -3));
    assertThrows(IllegalArgumentException.class, () -> Shape.of(2, 3, -1));
    assertThrows(IllegalArgumentException.class, () -> Shape.of(2, 3).with(0, -2));
  }
}
