package org.rec4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Compares builds of rec4j inside one JVM: each jar gets its own class loader, {@link AbProbe} is
 * defined anew in each, and the jars' measurements run alternately, round after round. On the
 * shared VMs this project is measured on, a process's speed drifts by ±15–30% within minutes, so
 * two builds timed in separate processes one after the other cannot show a 10% change; run
 * alternately in one process they see the same machine state.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -Drec4j.threads=1 -cp
 * rec4j-benchmarks.jar org.rec4j.bench.JarAB [--workload train-step|gemm-neumf] [--rounds 8]
 * [--warmup 2] A.jar B.jar …}. Prints one line per round (jars in order, every other round
 * reversed) and, per jar, the median and all values after the warm-up rounds, then each jar's
 * median ratio to the first jar's over the rounds (paired by round).
 *
 * <p>The jars must contain the rec4j engine and core (a {@code rec4j-benchmarks.jar} or {@code
 * rec4j-cli-…-all.jar}) and share the API {@link AbProbe} uses. Both copies share the heap, the JIT
 * and the kernel thread pools' settings.
 */
public final class JarAB {
  private JarAB() {}

  /** Parsed command line. */
  record Options(String workload, int rounds, int warmup, List<Path> jars) {}

  /**
   * Parses the command line; every mistake is an {@link IllegalArgumentException} naming the option
   * or jar.
   */
  static Options parse(String[] args) {
    String workload = "train-step";
    int rounds = 8;
    int warmup = 2;
    List<Path> jars = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--workload" -> workload = value(args, ++i, "--workload");
        case "--rounds" -> rounds = integer(value(args, ++i, "--rounds"), "--rounds", 1);
        case "--warmup" -> warmup = integer(value(args, ++i, "--warmup"), "--warmup", 0);
        default -> {
          if (args[i].startsWith("--"))
            throw new IllegalArgumentException(
                "unknown option '" + args[i] + "'; expected --workload, --rounds, --warmup");
          Path p = Path.of(args[i]);
          if (!Files.isRegularFile(p))
            throw new IllegalArgumentException("jar '" + args[i] + "' not found");
          jars.add(p);
        }
      }
    }
    if (!workload.equals("train-step") && !workload.equals("gemm-neumf")) {
      throw new IllegalArgumentException(
          "--workload: unknown '" + workload + "'; expected train-step or gemm-neumf");
    }
    if (jars.isEmpty()) throw new IllegalArgumentException("expected at least one jar to measure");
    return new Options(workload, rounds, warmup, List.copyOf(jars));
  }

  /** Runs the comparison; a bad argument ends with a one-line error. */
  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("jar-ab: error: " + e.getMessage());
      System.exit(2);
      return;
    }
    String workload = o.workload();
    int rounds = o.rounds();
    int warmup = o.warmup();
    List<Path> jars = o.jars();
    byte[] probe = probeBytes();
    Method[] run = new Method[jars.size()];
    for (int j = 0; j < jars.size(); j++)
      run[j] = new ProbeLoader(jars.get(j), probe).loadProbe().getMethod("run", String.class);
    double[][] v = new double[jars.size()][rounds];
    for (int r = 0; r < warmup + rounds; r++) {
      StringBuilder line =
          new StringBuilder(
              r < warmup ? "warm-up " + (r + 1) + ":" : "round " + (r - warmup + 1) + ":");
      for (int jj = 0; jj < jars.size(); jj++) {
        int j =
            r % 2 == 0
                ? jj
                : jars.size()
                    - 1
                    - jj; // every other round in reverse order: no jar always runs first
        double x = call(run[j], workload);
        if (r >= warmup) v[j][r - warmup] = x;
        line.append(String.format(Locale.ROOT, " %s %.0f", jars.get(j).getFileName(), x));
      }
      System.out.println(line);
    }
    for (int j = 0; j < jars.size(); j++) {
      StringBuilder line =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%s: median %.0f, values %s",
                  jars.get(j),
                  median(v[j]),
                  Arrays.toString(Arrays.stream(v[j]).mapToLong(Math::round).toArray())));
      if (j > 0) {
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) ratio[r] = v[j][r] / v[0][r];
        line.append(
            String.format(
                Locale.ROOT,
                ", median ratio to %s %.3f (min %.3f, max %.3f)",
                jars.get(0).getFileName(),
                median(ratio),
                Arrays.stream(ratio).min().orElse(0),
                Arrays.stream(ratio).max().orElse(0)));
      }
      System.out.println(line);
    }
  }

  static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double call(Method m, String workload) throws Exception {
    try {
      return (double) m.invoke(null, workload);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception c) throw c;
      throw e;
    }
  }

  private static byte[] probeBytes() {
    String name = AbProbe.class.getName().replace('.', '/') + ".class";
    try (InputStream in = JarAB.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException(name + " not found on the class path");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String value(String[] args, int i, String key) {
    if (i >= args.length) throw new IllegalArgumentException(key + " needs a value");
    return args[i];
  }

  private static int integer(String s, String key, int min) {
    try {
      int v = Integer.parseInt(s);
      if (v < min) throw new NumberFormatException();
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + ": expected an integer >= " + min + ", got '" + s + "'");
    }
  }

  /** One jar's classes, with {@link AbProbe} defined from the bytes this harness was built with. */
  static final class ProbeLoader extends URLClassLoader {
    private final byte[] probe;

    ProbeLoader(Path jar, byte[] probe) throws MalformedURLException {
      super(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      this.probe = probe;
    }

    Class<?> loadProbe() throws ClassNotFoundException {
      return loadClass(AbProbe.class.getName());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.equals(AbProbe.class.getName())) {
        synchronized (getClassLoadingLock(name)) {
          Class<?> c = findLoadedClass(name);
          if (c == null) c = defineClass(name, probe, 0, probe.length);
          if (resolve) resolveClass(c);
          return c;
        }
      }
      return super.loadClass(name, resolve);
    }
  }
}
