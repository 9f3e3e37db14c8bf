package org.rec4j.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rec4j.data.io.Fixtures.assertDataError;
import static org.rec4j.data.io.Fixtures.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.data.Dataset;
import org.rec4j.data.Interactions;

class OtherReadersTest {
  @TempDir Path dir;

  @Test
  void csvWithHeaderMappingAndContext() {
    Path f =
        write(
            dir,
            "events.tsv",
            "ts\tuser\titem\tscore\tdevice\n10\talice\tbook-1\t2.5\tphone\n"
                + "11\tbob\tbook-1\t1\t\n12\talice\tbook-2\t3\tweb\n");
    var mapping = new ColumnMapping("user", "item", "score", "ts", List.of("device"));
    Dataset d = new CsvInteractionReader('\t', true, StandardCharsets.UTF_8, mapping).read(f);
    Interactions x = d.interactions();
    assertEquals(3, x.size());
    assertEquals("alice", x.userIndex().raw(x.user(2)));
    assertEquals(2.5f, x.value(0));
    assertEquals(12L, x.timestamp(2));
    assertArrayEquals(new int[] {0, -1, 1}, x.context().get("device"));
    assertEquals("web", d.contextVocabularies().get("device").value(1));
  }

  @Test
  void csvErrorsNameFileLineAndColumn() {
    var reader =
        new CsvInteractionReader(',', false, StandardCharsets.UTF_8, ColumnMapping.positional());
    Path fields = write(dir, "a.csv", "1,2,3,4\n1,2,3\n");
    assertDataError(() -> reader.read(fields), "a.csv", 2, "expected 4 fields");
    Path rating = write(dir, "b.csv", "1,2,3,4\n1,2,high,4\n");
    assertDataError(() -> reader.read(rating), "b.csv", 2, "column 2 (rating)", "\"high\"");
    Path column = write(dir, "c.csv", "1,2\n");
    assertDataError(() -> reader.read(column), "c.csv", 1, "column '2' not found");
    var implicit =
        new CsvInteractionReader(';', false, StandardCharsets.UTF_8, ColumnMapping.implicit());
    assertEquals(1f, implicit.read(write(dir, "d.csv", "a;b\n")).interactions().value(0));
  }

  @Test
  void ncfFilesWithNegatives() {
    write(dir, "toy.train.rating", "0\t0\t5\t1\n0\t1\t3\t2\n1\t1\t4\t3\n");
    write(dir, "toy.test.rating", "0\t2\t5\t9\n1\t0\t2\t9\n");
    write(dir, "toy.test.negative", "(0,2)\t3\t4\n(1,0)\t2\t3\n");
    Dataset d = NcfReader.read(dir);
    assertEquals(3, d.predefinedSplit().train().size());
    assertEquals(2, d.predefinedSplit().test().size());
    assertEquals(5, d.interactions().size());
    assertEquals(5, d.interactions().numItems()); // items 3 and 4 only appear as negatives
    Interactions test = d.predefinedSplit().test();
    assertEquals("3", test.itemIndex().raw(d.candidates()[0][0]));
    write(dir, "toy.test.negative", "(0,2)\t3\t4\n(1,1)\t2\t3\n");
    assertDataError(() -> NcfReader.read(dir), "toy.test.negative", 2, "to match test row 2");
  }

  @Test
  void sasRecLineOrderIsTime() {
    Path f = write(dir, "Video.txt", "1 5\n1 3\n2 5\n1 7\n");
    Interactions x = SasRecReader.read(f).interactions();
    assertEquals(4, x.size());
    assertFalse(x.hasTimestamps());
    assertArrayEquals(new int[] {0, 1, 2}, org.rec4j.data.UserSequences.of(x, 0).sequence(0));
    assertEquals(2, org.rec4j.data.split.LeaveOneOutSplit.latest(x, false).test().item(0));
    assertDataError(
        () -> SasRecReader.read(write(dir, "bad.txt", "1 5\n1\t3\n")),
        "bad.txt",
        2,
        "expected 2 fields");
  }

  @Test
  void lightGcnAdjacencyListsAndSplit() {
    write(dir, "train.txt", "0 1 2 3\n1 2\n2\n");
    write(dir, "test.txt", "0 4\n1 3\n");
    Dataset d = LightGcnReader.read(dir);
    assertEquals(4, d.predefinedSplit().train().size());
    assertEquals(3, d.interactions().numUsers());
    assertEquals(6, d.interactions().size());
    assertDataError(
        () -> LightGcnReader.read(write(dir, "bad.txt", "0 1\n1 x\n")), "bad.txt", 2, "field 2");
  }

  @Test
  void lastFmTabSeparatedFilesAndSplit() {
    write(dir, "data1.txt", "2\t10\t5\r\n2\t11\t1\r\n7\t10\t3\r\n");
    write(dir, "test1.txt", "7\t12\t1\r\n");
    Dataset d = LastFmReader.read(dir);
    assertEquals(3, d.predefinedSplit().train().size());
    assertEquals(1, d.predefinedSplit().test().size());
    assertEquals(2, d.interactions().numUsers());
    assertEquals(3, d.interactions().numItems());
    assertEquals(1f, d.interactions().value(0), "implicit: the third column is not a rating");
    assertDataError(
        () -> LastFmReader.read(write(dir, "bad.txt", "1\t2\t3\n1 2 3\n")),
        "bad.txt",
        2,
        "expected 2 or 3 tab-separated fields");
    assertDataError(
        () -> LastFmReader.read(write(dir, "bad2.txt", "1\tx\n")), "bad2.txt", 1, "field 2");
  }

  @Test
  void libFmSparseAndInteractionView() {
    Path f = write(dir, "f.libfm", "1 10:1 20:1 30:1\n-1 11:1 21:1 31:1 40:0.5\n");
    LibFmData sparse = LibFmReader.readSparse(f);
    assertEquals(2, sparse.size());
    assertEquals(4, sparse.length(1));
    assertEquals(40, sparse.maxFeature());
    assertEquals(0.5f, sparse.values()[6]);
    Interactions x = LibFmReader.read(f).interactions();
    assertEquals(-1f, x.value(1));
    assertArrayEquals(new int[] {30, 31}, x.context().get("ctx1"));
    assertDataError(
        () -> LibFmReader.readSparse(write(dir, "b.libfm", "1 10:1\nyes 1:1\n")),
        "b.libfm",
        2,
        "label");
    assertDataError(
        () -> LibFmReader.readSparse(write(dir, "c.libfm", "1 10\n")),
        "c.libfm",
        1,
        "feature:value");
    write(dir, "fr/x.validation.libfm", "1 0:1 5:1\n");
    write(dir, "fr/x.test.libfm", "1 1:1 5:1\n");
    Dataset folder = LibFmReader.read(dir.resolve("fr"));
    assertEquals(1, folder.predefinedSplit().train().size());
    assertTrue(folder.notes().get(0).contains("used as train"));
  }

  @Test
  void featuresFromACsvWithAnyKinds() {
    org.rec4j.data.IdIndex items = new org.rec4j.data.IdIndex();
    items.add("b1");
    items.add("b2");
    Path f =
        write(
            dir,
            "items.csv",
            "id,genres,price,title,emb\nb1,a|b,9.5,Red Book,0.1 0.2\nzz,c,1,x,1 1\n"
                + "b2,,,Blue,\n");
    var schema =
        org.rec4j.data.FeatureSchema.of(
            org.rec4j.data.FeatureSpec.multiCategorical("genres", "|"),
            org.rec4j.data.FeatureSpec.numeric("price"),
            org.rec4j.data.FeatureSpec.text("title", 1),
            org.rec4j.data.FeatureSpec.dense("emb", 2));
    var table = new CsvFeatureReader(',', StandardCharsets.UTF_8, "id", schema).read(f, items);
    assertEquals(
        2,
        ((org.rec4j.data.FeatureColumn.MultiCategorical) table.column("genres")).codes()[0].length);
    assertTrue(table.column("price").isMissing(1));
    assertTrue(table.column("emb").isMissing(1));
    Path bad = write(dir, "bad.csv", "id,genres,price,title,emb\nb1,a,cheap,t,1 2\n");
    assertDataError(
        () -> new CsvFeatureReader(',', StandardCharsets.UTF_8, "id", schema).read(bad, items),
        "bad.csv",
        2,
        "price",
        "\"cheap\"");
    Path missing = write(dir, "m.csv", "key,genres\n");
    assertDataError(
        () -> new CsvFeatureReader(',', StandardCharsets.UTF_8, "id", schema).read(missing, items),
        "m.csv",
        1,
        "column 'id'");
  }

  @Test
  void denseVectorsFromAFile() {
    org.rec4j.data.IdIndex items = new org.rec4j.data.IdIndex();
    items.add("a");
    items.add("b");
    Path f = write(dir, "emb.txt", "a 0.5 1\nzzz 1,2\n");
    var table = DenseVectorReader.read(f, "image", items);
    var col = (org.rec4j.data.FeatureColumn.Dense) table.column("image");
    assertArrayEquals(new float[] {0.5f, 1f}, col.vectors()[0]);
    assertTrue(col.isMissing(1));
    assertDataError(
        () -> DenseVectorReader.read(write(dir, "e2.txt", "a 1 2\nb 1\n"), "image", items),
        "e2.txt",
        2,
        "expected an id and 2 values");
    assertDataError(
        () -> DenseVectorReader.read(write(dir, "e3.txt", "a 1 x\n"), "image", items),
        "e3.txt",
        1,
        "value 2");
  }

  @Test
  void dataSpecParsesEveryFormat() {
    DataSpec s = DataSpec.parse("synthetic:users=20,items=30,seed=3");
    assertEquals(DataSpec.Format.SYNTHETIC, s.format());
    assertEquals("20", s.options().get("users"));
    assertEquals(20, s.load().interactions().stats().users());
    DataSpec csv = DataSpec.parse("csv:data/x.tsv?header=true&user=u");
    assertEquals("data/x.tsv", csv.path());
    assertEquals("u", csv.options().get("user"));
    assertFalse(DataSpec.parse("synthetic:").options().containsKey("users"));
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> DataSpec.parse("movielens:x"));
    assertTrue(e.getMessage().contains("ml-1m"), e.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> DataSpec.parse("ml-1m:"));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> DataSpec.parse("synthetic:userz=3").load());
    assertNull(DataSpec.parse("ml-1m:/a").options().get("x"));
  }
}
