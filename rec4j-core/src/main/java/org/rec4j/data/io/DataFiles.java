package org.rec4j.data.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rec4j.data.DataFormatException;

/**
 * File helpers shared by the readers: whole-file reads with clear errors, strict decoding that
 * reports the line of the first malformed byte, line splitting, and finding a file inside a folder.
 */
public final class DataFiles {
  private DataFiles() {}

  /** All bytes of {@code file}; a missing file is a {@link DataFormatException} naming it. */
  public static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, 0, "file not found");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code bytes} decoded with {@code charset}; a malformed or unmappable byte names file and line.
   */
  public static String decode(Path file, byte[] bytes, Charset charset) {
    CharsetDecoder dec =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out =
        CharBuffer.allocate((int) (bytes.length * (double) dec.maxCharsPerByte()) + 16);
    CoderResult r = dec.decode(in, out, true);
    if (r.isError()) {
      int bad = in.position();
      long line = 1;
      for (int p = 0; p < bad; p++) {
        if (bytes[p] == '\n') {
          line++;
        }
      }
      throw new DataFormatException(
          file,
          line,
          "invalid "
              + charset.name()
              + " byte 0x"
              + Integer.toHexString(bytes[bad] & 0xff)
              + " at byte offset "
              + bad);
    }
    try {
      r = dec.flush(out);
      if (r.isError()) {
        r.throwException();
      }
    } catch (CharacterCodingException e) {
      throw new DataFormatException(file, 0, "invalid " + charset.name() + " at end of file");
    }
    out.flip();
    return out.toString();
  }

  /**
   * The lines of {@code text} (without terminators; CRLF accepted; a final newline ends the last
   * line).
   */
  public static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int n = text.length();
    while (start < n) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = n;
      }
      int e = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
      lines.add(text.substring(start, e));
      start = end + 1;
    }
    return lines;
  }

  /** {@code path} itself if it is a file, else the first of {@code names} in that folder. */
  public static Path fileOrFind(Path path, String... names) {
    return Files.isDirectory(path) ? find(path, names) : path;
  }

  /** The first of {@code names} that exists in {@code dir}; throws listing the names otherwise. */
  public static Path find(Path dir, String... names) {
    for (String name : names) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new DataFormatException(dir, 0, "expected one of " + List.of(names) + " in this folder");
  }

  /**
   * The single file in {@code dir} whose name ends with {@code suffix}, or null if there is none.
   */
  public static Path findSuffix(Path dir, String suffix) {
    try (var s = Files.list(dir)) {
      List<Path> found =
          s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
      if (found.size() > 1) {
        throw new DataFormatException(dir, 0, "more than one *" + suffix + " file: " + found);
      }
      return found.isEmpty() ? null : found.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
