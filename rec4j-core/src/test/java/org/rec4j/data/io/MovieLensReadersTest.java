package org.rec4j.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rec4j.data.io.Fixtures.assertDataError;
import static org.rec4j.data.io.Fixtures.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.data.Dataset;
import org.rec4j.data.FeatureColumn;
import org.rec4j.data.Interactions;

class MovieLensReadersTest {
  @TempDir Path dir;

  @Test
  void ml1mRatingsWithFeaturesBesideAFileOfAnyName() {
    Path r =
        write(dir, "my_ratings.dat", "1::10::5::978300760\r\n2::20::3::0\n1::20::4::978300761\n\n");
    write(
        dir,
        "users.dat",
        "1::F::1::10::48067\n2::M::56::16::70072\n3::M::25::1::1\n",
        StandardCharsets.ISO_8859_1);
    write(
        dir,
        "movies.dat",
        "10::Amélie (2001)::Comedy|Romance\n20::Heat (1995)::Action\n30::Unrated (1990)::X\n",
        StandardCharsets.ISO_8859_1);
    Dataset d = MovieLens1mReader.read(r);
    Interactions x = d.interactions();
    assertEquals(3, x.size());
    assertEquals(2, x.numUsers());
    assertEquals(2, x.numItems());
    assertEquals(3f, x.value(1));
    assertEquals(978300761L, x.timestamp(2));
    var title = (FeatureColumn.Text) d.itemFeatures().column("title");
    assertTrue(title.vocabulary().values().contains("amélie"));
    var year = (FeatureColumn.Numeric) d.itemFeatures().column("year");
    assertEquals(2001, year.values()[x.itemIndex().get(10L)]);
    var gender = (FeatureColumn.Categorical) d.userFeatures().column("gender");
    assertEquals("M", gender.vocabulary().value(gender.codes()[x.userIndex().get(2L)]));
    assertEquals(1, d.notes().size());
  }

  @Test
  void ml1mMalformedLinesNameFileAndLine() {
    Path cols = write(dir, "a.dat", "1::10::5::1\n1::11::5\n");
    assertDataError(() -> MovieLens1mReader.read(cols), "a.dat", 2, "expected 4 fields", "found 3");
    Path rating = write(dir, "b.dat", "1::10::5::1\n1::11::5::2\n1::12::x::3\n");
    assertDataError(() -> MovieLens1mReader.read(rating), "b.dat", 3, "field 3 (rating)", "\"x\"");
    Path id = write(dir, "c.dat", "u1::10::5::1\n");
    assertDataError(() -> MovieLens1mReader.read(id), "c.dat", 1, "field 1 (user)");
    Path blank = write(dir, "d.dat", "1::10::5::1\n\n1::11::5::1\n");
    assertDataError(() -> MovieLens1mReader.read(blank), "d.dat", 2, "blank line");
    Path users = write(dir, "sub/ratings.dat", "1::10::5::1\n");
    write(dir, "sub/users.dat", "1::F::1::10\n");
    assertDataError(
        () -> MovieLens1mReader.read(users.getParent()), "users.dat", 1, "expected 5 fields");
  }

  @Test
  void ml100kFolderWithItemsUsersAndFolds() {
    write(dir, "u.data", "1\t1\t5\t874965758\n2\t2\t3\t876893171\n1\t2\t4\t878542960\n");
    String flags = "|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0";
    write(
        dir,
        "u.item",
        "1|Toy Story (1995)|01-Jan-1995||http://x"
            + flags
            + "\n2|Heat (1995)|01-Jan-1995||u"
            + flags.replace("0|0|0|1", "0|1|0|0")
            + "\n",
        StandardCharsets.ISO_8859_1);
    write(dir, "u.user", "1|24|M|technician|85711\n2|53|F|other|94043\n");
    write(dir, "u1.base", "1\t1\t5\t874965758\n2\t2\t3\t876893171\n");
    write(dir, "u1.test", "1\t2\t4\t878542960\n");
    Dataset d = MovieLens100kReader.read(dir);
    assertEquals(3, d.interactions().size());
    var genres = (FeatureColumn.MultiCategorical) d.itemFeatures().column("genres");
    assertEquals(3, genres.codes()[d.interactions().itemIndex().get(1L)].length);
    var age = (FeatureColumn.Numeric) d.userFeatures().column("age");
    assertEquals(38.5, age.mean(), 1e-9);
    Dataset fold = MovieLens100kReader.fold(dir, "u1");
    assertEquals(2, fold.predefinedSplit().train().size());
    assertEquals(1, fold.predefinedSplit().test().size());
    assertEquals(3, fold.interactions().size());
    Path badFlag =
        write(dir, "bad/u.item", "1|T (1995)|d||u" + flags.replace("0|0|0|1", "0|0|0|2") + "\n");
    write(dir, "bad/u.data", "1\t1\t5\t1\n");
    assertDataError(
        () -> MovieLens100kReader.read(badFlag.getParent()), "u.item", 1, "genre Animation");
  }

  @Test
  void mlLatestCsvWithQuotedTitlesAndTags() {
    write(
        dir,
        "ratings.csv",
        "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,0.5,964981247\n"
            + "2,1,3.5,964982224\n");
    write(
        dir,
        "movies.csv",
        "movieId,title,genres\n1,\"American President, The (1995)\",Comedy|Drama\n"
            + "3,Nothing (2000),(no genres listed)\n");
    write(
        dir,
        "tags.csv",
        "userId,movieId,tag,timestamp\n2,1,funny,1445714994\n2,1,\"witty, dry\",1445714996\n");
    Dataset d = MovieLensLatestReader.read(dir);
    assertEquals(3, d.interactions().size());
    assertEquals(0.5f, d.interactions().value(1));
    var genres = (FeatureColumn.MultiCategorical) d.itemFeatures().column("genres");
    assertTrue(genres.isMissing(d.interactions().itemIndex().get(3L)));
    var tags = (FeatureColumn.Text) d.itemFeatures().column("tags");
    assertArrayEquals(new int[] {1, 2, 3}, tags.tokens()[d.interactions().itemIndex().get(1L)]);
    Path noHeader = write(dir, "x/ratings.csv", "1,1,4.0,964982703\n");
    assertDataError(
        () -> MovieLensLatestReader.read(noHeader), "ratings.csv", 1, "expected header");
    Path badUtf8 = dir.resolve("y/ratings.csv");
    write(dir, "y/ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,1\n");
    write(dir, "y/movies.csv", "movieId,title,genres\n1,ok,Drama\n");
    try {
      java.nio.file.Files.write(
          dir.resolve("y/movies.csv"),
          new byte[] {
            'm',
            'o',
            'v',
            'i',
            'e',
            'I',
            'd',
            ',',
            't',
            'i',
            't',
            'l',
            'e',
            ',',
            'g',
            'e',
            'n',
            'r',
            'e',
            's',
            '\n',
            '1',
            ',',
            (byte) 0xC3,
            'x',
            ',',
            'D',
            '\n'
          });
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertDataError(() -> MovieLensLatestReader.read(badUtf8), "movies.csv", 2, "invalid UTF-8");
  }
}
