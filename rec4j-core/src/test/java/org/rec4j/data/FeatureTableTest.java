package org.rec4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureTableTest {
  private static final FeatureSchema SCHEMA =
      FeatureSchema.of(
          FeatureSpec.categorical("gender"),
          FeatureSpec.multiCategorical("genres", "|"),
          FeatureSpec.numeric("age"),
          FeatureSpec.text("title", 2),
          FeatureSpec.dense("image", 2));

  @Test
  void everyKindWithExplicitMissingValues() {
    FeatureTable t =
        FeatureTable.builder(SCHEMA, 3)
            .set(0, "gender", "F")
            .set(0, "genres", "Action|Comedy")
            .set(0, "age", "20")
            .set(0, "title", "The Matrix")
            .set(0, "image", "0.5, 1")
            .set(1, "gender", "M")
            .set(1, "genres", "Comedy")
            .set(1, "age", "40")
            .set(1, "title", "the end")
            .build();
    var gender = (FeatureColumn.Categorical) t.column("gender");
    assertArrayEquals(new int[] {0, 1, Vocabulary.MISSING}, gender.codes());
    var genres = (FeatureColumn.MultiCategorical) t.column("genres");
    assertArrayEquals(new int[] {0, 1}, genres.codes()[0]);
    assertTrue(genres.isMissing(2));
    var age = (FeatureColumn.Numeric) t.column("age");
    assertEquals(30, age.mean(), 1e-12);
    assertEquals(10, age.std(), 1e-12);
    assertEquals(-1, age.standardized(0), 1e-12);
    assertTrue(age.isMissing(2));
    var title = (FeatureColumn.Text) t.column("title");
    assertEquals(List.of("<unk>", "the"), title.vocabulary().values());
    assertArrayEquals(new int[] {1, Vocabulary.UNKNOWN}, title.tokens()[0]);
    var image = (FeatureColumn.Dense) t.column("image");
    assertArrayEquals(new float[] {0.5f, 1f}, image.vectors()[0]);
    assertTrue(image.isMissing(1));
  }

  @Test
  void badValuesNameFeatureAndRow() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FeatureTable.builder(SCHEMA, 2).set(1, "age", "old").build());
    assertTrue(e.getMessage().contains("age") && e.getMessage().contains("row 1"), e.getMessage());
    var d =
        assertThrows(
            IllegalArgumentException.class,
            () -> FeatureTable.builder(SCHEMA, 1).set(0, "image", "1 2 3").build());
    assertTrue(d.getMessage().contains("expected 2 values"), d.getMessage());
    var u = assertThrows(IllegalArgumentException.class, () -> SCHEMA.indexOf("genre"));
    assertTrue(u.getMessage().contains("genres"), u.getMessage());
  }
}
