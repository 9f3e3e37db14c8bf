package org.rec4j.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.rec4j.data.io.Fixtures.assertDataError;
import static org.rec4j.data.io.Fixtures.write;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;

class DelimitedRatingParserTest {
  @TempDir Path dir;

  private static Interactions read(Path f, String sep, int min, int max, int header) {
    return DelimitedRatingParser.readFile(f, sep, min, max, header, new IdIndex(), new IdIndex());
  }

  @Test
  void fastAndStrictPathsAgreeOnEveryValidForm() {
    Path f =
        write(dir, "r.csv", "h1\nh2\n1,2,3.5,7\r\n1,3,-1,8\n2,2,.5,9\n2,4,3.,10\n2,5,+2,11\n\n\n");
    Interactions x = read(f, ",", 4, 4, 2);
    assertArrayEquals(new float[] {3.5f, -1f, 0.5f, 3f, 2f}, x.valueColumn());
    assertArrayEquals(new long[] {7, 8, 9, 10, 11}, x.timestampColumn());
    assertEquals(2, x.numUsers());
  }

  @Test
  void optionalFieldsAndMultiByteSeparators() {
    Interactions implicit = read(write(dir, "a.txt", "5 6\n5 7\n"), " ", 2, 2, 0);
    assertEquals(1f, implicit.value(1));
    assertFalse(implicit.hasTimestamps());
    Interactions mixed = read(write(dir, "b.dat", "1::2::4\n1::3::5::99\n"), "::", 3, 4, 0);
    assertEquals(99, mixed.timestamp(1));
    assertEquals(0, mixed.timestamp(0));
  }

  @Test
  void strictErrors() {
    assertDataError(
        () -> read(write(dir, "c.dat", "1:2::4::1\n"), "::", 4, 4, 0),
        "c.dat",
        1,
        "expected 4 fields");
    assertDataError(
        () -> read(write(dir, "d.dat", "1::2::4::1::9\n"), "::", 4, 4, 0), "d.dat", 1, "found 5");
    assertDataError(
        () -> read(write(dir, "e.dat", "1::2::4::-5\n"), "::", 4, 4, 0),
        "e.dat",
        1,
        "field 4 (timestamp)");
    assertDataError(
        () -> read(write(dir, "f.dat", "99999999999999999999::2::4::1\n"), "::", 4, 4, 0),
        "f.dat",
        1,
        "field 1 (user)");
    assertDataError(
        () -> read(write(dir, "g.dat", "1::2::.::1\n"), "::", 4, 4, 0),
        "g.dat",
        1,
        "field 3 (rating)");
  }
}
