package org.rec4j.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rec4j.data.Dataset;
import org.rec4j.data.DatasetStats;
import org.rec4j.data.SharedData;
import org.rec4j.data.Split;
import org.rec4j.data.split.LeaveOneOutSplit;

/** Loads the shared real data sets (when present) and checks the published counts. */
class RealDataIT {
  @Test
  void movieLens1m() {
    Path dir = SharedData.require("ml-1m");
    Dataset d = MovieLens1mReader.read(dir.resolve("ratings_reconstructed.dat"));
    DatasetStats s = d.interactions().stats();
    assertEquals(1_000_209, s.interactions());
    assertEquals(6_040, s.users());
    assertEquals(3_706, s.items());
    assertEquals(
        Map.of(1f, 56_174L, 2f, 107_557L, 3f, 261_197L, 4f, 348_971L, 5f, 226_310L),
        s.ratingHistogram());
    assertEquals(317_810, s.zeroTimestamps());
    assertEquals(6_040, d.userFeatures().rows());
    assertFalse(d.itemFeatures().column("genres").isMissing(0));
  }

  @Test
  void movieLens1mNcf() {
    Dataset d = NcfReader.read(SharedData.require("ml-1m").resolve("ncf"));
    Split s = d.predefinedSplit();
    assertEquals(994_169, s.train().size());
    assertEquals(6_040, s.test().size());
    assertEquals(6_040, d.candidates().length);
    assertEquals(99, d.candidates()[0].length);
    int positives = 0;
    for (int r = 0; r < s.test().size(); r++) {
      for (int i : d.candidates()[r]) {
        positives += s.train().byUser().contains(s.test().user(r), i) ? 1 : 0;
      }
    }
    assertEquals(0, positives, "no NCF test negative is a train positive");
  }

  /**
   * The counts of the data's README: 1,880 users, 4,489 items, 42,135 + 10,533 rows, 1,858 users
   * with a test item.
   */
  @Test
  void lastFm() {
    Dataset d = LastFmReader.read(SharedData.require("lastfm"));
    Split s = d.predefinedSplit();
    assertEquals(42_135, s.train().size());
    assertEquals(10_533, s.test().size());
    assertEquals(1_880, d.interactions().stats().users());
    assertEquals(4_489, d.interactions().stats().items());
    assertEquals(1_858, java.util.Arrays.stream(s.test().userColumn()).distinct().count());
  }

  @Test
  void movieLens100k() {
    Path dir = SharedData.require("ml-100k");
    DatasetStats s = MovieLens100kReader.read(dir).interactions().stats();
    assertEquals(100_000, s.interactions());
    assertEquals(943, s.users());
    assertEquals(1_682, s.items());
    for (String fold : new String[] {"u1", "u2", "u3", "u4", "u5"}) {
      Split split = MovieLens100kReader.fold(dir, fold).predefinedSplit();
      assertEquals(80_000, split.train().size());
      assertEquals(20_000, split.test().size());
    }
    Split ua = MovieLens100kReader.fold(dir, "ua").predefinedSplit();
    assertEquals(90_570, ua.train().size());
    assertEquals(9_430, ua.test().size());
    Split loo = LeaveOneOutSplit.latest(MovieLens100kReader.read(dir).interactions(), false);
    assertEquals(943, loo.test().size());
  }

  @Test
  void movieLensLatestSmall() {
    Dataset d = MovieLensLatestReader.read(SharedData.require("ml-latest-small"));
    DatasetStats s = d.interactions().stats();
    assertEquals(100_836, s.interactions());
    assertEquals(610, s.users());
    assertEquals(9_724, s.items());
    assertFalse(d.itemFeatures().column("title").isMissing(0));
  }

  @Test
  void amazonGamesSasRec() {
    DatasetStats s =
        SasRecReader.read(SharedData.require("amazon-games").resolve("Video.txt"))
            .interactions()
            .stats();
    assertEquals(287_107, s.interactions());
    assertEquals(31_013, s.users());
    assertEquals(23_715, s.items());
  }

  @Test
  void frappeLibFm() {
    Dataset d = LibFmReader.read(SharedData.require("frappe"));
    assertEquals(57_722, d.predefinedSplit().train().size());
    assertEquals(28_860, d.predefinedSplit().test().size());
    assertEquals(1, d.notes().size());
  }
}
