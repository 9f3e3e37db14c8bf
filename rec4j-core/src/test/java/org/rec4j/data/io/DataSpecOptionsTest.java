package org.rec4j.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.data.DataFormatException;

/**
 * Data-spec options are parsed strictly: a value that is not understood is an error naming the key
 * and value.
 */
class DataSpecOptionsTest {
  @Test
  void headerAcceptsTrueFalseYesNoAndNothingElse(@TempDir Path tmp) throws Exception {
    Path f = Files.writeString(tmp.resolve("r.csv"), "user,item,rating\n1,10,4\n2,11,3\n");
    for (String yes : new String[] {"true", "TRUE", "yes", "Yes"}) {
      assertEquals(
          2, DataSpec.parse("csv:" + f + "?header=" + yes).load().interactions().size(), yes);
    }
    Path g = Files.writeString(tmp.resolve("g.csv"), "1,10,4\n2,11,3\n");
    for (String no : new String[] {"false", "no"})
      assertEquals(
          2, DataSpec.parse("csv:" + g + "?header=" + no).load().interactions().size(), no);
    for (String bad : new String[] {"1", "y", "maybe", ""}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> DataSpec.parse("csv:" + f + "?header=" + bad).load());
      assertEquals("csv option header: expected true or false, got '" + bad + "'", e.getMessage());
    }
  }

  @Test
  void unknownCharsetsAndBadIntegersNameTheOption(@TempDir Path tmp) throws Exception {
    Path f = Files.writeString(tmp.resolve("r.csv"), "1,10,4\n");
    for (String cs : new String[] {"bogus-cs", "not a name"}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> DataSpec.parse("csv:" + f + "?charset=" + cs).load());
      assertEquals(
          "csv option charset: unknown charset '"
              + cs
              + "'; expected a name such as UTF-8, ISO-8859-1 or windows-1252",
          e.getMessage());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> DataSpec.parse("synthetic:users=many").load());
    assertEquals("synthetic option users: expected an integer, got 'many'", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DataSpec.parse("ncf:" + tmp + "?header=true").load());
    assertEquals(
        "format ncf takes no options, got [header] (options after '?' are for csv: only)",
        e.getMessage());
  }

  @Test
  void anEmptyFileIsADataErrorNamingIt(@TempDir Path tmp) throws Exception {
    Path f = Files.writeString(tmp.resolve("empty.csv"), "\n\n");
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> DataSpec.parse("csv:" + f).load());
    assertEquals(f + ": no interactions: the file is empty", e.getMessage());
  }
}
