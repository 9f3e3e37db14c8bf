package org.rec4j.ctr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rec4j.data.FeatureSchema;
import org.rec4j.data.FeatureSpec;
import org.rec4j.data.FeatureTable;

/** The field encoders, the join into one global id space, splits and batch filling. */
class FieldPipelineTest {

  @Test
  void encodersReserveIdZeroForMissing() {
    FieldValues c = FieldValues.categorical("g", new int[] {1, -1, 0}, 2);
    assertEquals(3, c.field().size());
    assertArrayEquals(new int[] {2, 0, 1}, c.ids());
    FieldValues m = FieldValues.multiHot("t", new int[][] {{0, 2}, {}, {1}}, 3, Field.Pooling.MEAN);
    assertArrayEquals(new int[] {0, 2, 3, 4}, m.offsets());
    assertArrayEquals(new int[] {1, 3, 0, 2}, m.ids());
    assertArrayEquals(new float[] {0.5f, 0.5f, 1f, 1f}, m.values());
    FieldValues s = FieldValues.multiHot("t", new int[][] {{0, 2}}, 3, Field.Pooling.SUM);
    assertArrayEquals(new float[] {1f, 1f}, s.values());
    FieldValues b =
        FieldValues.bucketized(
            "y", new double[] {1925, 1930, 1995.5, Double.NaN}, new double[] {1930, 1990});
    assertEquals(4, b.field().size());
    assertArrayEquals(new int[] {1, 2, 3, 0}, b.ids());
    FieldValues n = FieldValues.numeric("x", new double[] {1, 3, Double.NaN});
    assertArrayEquals(new float[] {-1f, 1f, 0f}, n.values(), 1e-6f);
    assertArrayEquals(new int[] {0, 0, 0}, n.ids());
  }

  @Test
  void hashingIsStableAndInRange() {
    String[] raw = {"a", "b", null, "a"};
    FieldValues h = FieldValues.hashed("zip", 4, r -> raw[r], 16);
    assertEquals(17, h.field().size());
    assertEquals(h.ids()[0], h.ids()[3]);
    assertEquals(0, h.ids()[2]);
    for (int id : h.ids()) assertTrue(id >= 0 && id < 17);
    assertThrows(IllegalArgumentException.class, () -> FieldValues.hashed("zip", 1, r -> "x", 0));
  }

  @Test
  void featureTableColumnsBecomeFields() {
    FeatureSchema schema =
        FeatureSchema.of(
            FeatureSpec.categorical("zip"),
            FeatureSpec.multiCategorical("genres", "|"),
            FeatureSpec.numeric("year"),
            FeatureSpec.text("title", 1));
    FeatureTable t =
        FeatureTable.builder(schema, 3)
            .set(0, "zip", "12345")
            .set(1, "zip", "12399")
            .set(2, "zip", "99999")
            .set(0, "genres", "A|B")
            .set(1, "genres", "B")
            .set(0, "year", "1995")
            .set(2, "year", "1950")
            .build();
    FieldOptions o =
        new FieldOptions(
            Set.of("title"),
            Map.of(),
            Map.of("zip", 3),
            Map.of("year", new double[] {1960}),
            Field.Pooling.MEAN);
    List<FieldValues> fields = FeatureFields.of(t, "item_", o);
    assertEquals(
        List.of("item_zip", "item_genres", "item_year"),
        fields.stream().map(v -> v.field().name()).toList());
    FieldValues zip = fields.get(0);
    assertEquals(3, zip.field().size());
    assertEquals(zip.ids()[0], zip.ids()[1]);
    assertArrayEquals(new int[] {2, 0, 1}, fields.get(2).ids());
    List<FieldValues> hashed =
        FeatureFields.of(
            t,
            "",
            new FieldOptions(
                Set.of("title"), Map.of("zip", 8), Map.of(), Map.of(), Field.Pooling.SUM));
    assertEquals(9, hashed.get(0).field().size());
    assertEquals(1, hashed.get(2).field().size());
  }

  @Test
  void joinPlacesFieldsInOneIdSpaceAndBatchesCopyThem() {
    FieldValues user = FieldValues.ids("user", 2);
    FieldValues tags =
        FieldValues.multiHot("tags", new int[][] {{0, 1}, {}, {1}}, 2, Field.Pooling.MEAN);
    int[] users = {1, 0, 1}, items = {0, 1, 2};
    FieldDataset d =
        FieldDataset.join(List.of(user, tags), List.of(users, items), new float[] {1, 0, 1}, users);
    assertEquals(2 + 3, d.schema().totalIds());
    assertEquals(2, d.schema().offset(1));
    FieldBatch b = new FieldBatch(d.schema(), 2);
    d.fill(b, new int[] {2, 0}, 0);
    assertEquals(2 + 3, b.nnz());
    assertArrayEquals(new int[] {1, 4, 1, 3, 4}, java.util.Arrays.copyOf(b.ids(), b.nnz()));
    assertArrayEquals(new int[] {0, 1, 2, 3, 5}, b.offsets());
    assertArrayEquals(new int[] {0, 2, 5}, b.exampleOffsets());
    assertArrayEquals(new float[] {1, 1}, b.labels());
    FieldDataset sub = d.subset(new int[] {1});
    assertEquals(1, sub.size());
    assertEquals(0f, sub.labels()[0]);
  }

  @Test
  void modelsRejectBatchesOverOtherFields() {
    FieldDataset d = SyntheticFields.make(10, false, 1);
    FieldDataset other =
        FieldDataset.join(
            List.of(FieldValues.ids("u", 3)),
            List.of(new int[] {0, 1, 2}),
            new float[] {1, 0, 1},
            new int[3]);
    CtrModel m =
        CtrTestModels.create("fm", d.schema(), java.util.Map.of(), new org.rec4j.tensor.Rng(1));
    FieldBatch b = new FieldBatch(other.schema(), 3);
    other.fill(b, null, 0);
    var e = assertThrows(IllegalArgumentException.class, () -> m.logits(b));
    assertTrue(e.getMessage().contains("fm was built for fields"), e.getMessage());
  }

  @Test
  void randomSplitPartitionsTheExamples() {
    FieldDataset d = SyntheticFields.make(1000, false, 7);
    List<FieldDataset> parts = d.randomSplit(3, 0.8, 0.1, 0.1);
    assertEquals(List.of(800, 100, 100), parts.stream().map(FieldDataset::size).toList());
    List<FieldDataset> again = d.randomSplit(3, 0.8, 0.1, 0.1);
    assertArrayEquals(parts.get(2).labels(), again.get(2).labels());
    Set<Integer> seen = new HashSet<>();
    assertThrows(IllegalArgumentException.class, () -> d.randomSplit(3, 0.5, 0.4));
    assertTrue(seen.isEmpty());
  }
}
