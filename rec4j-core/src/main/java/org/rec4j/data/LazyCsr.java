package org.rec4j.data;

import java.util.function.Supplier;

/** A {@link Csr} built on first use, exactly once, safely published to every thread. */
final class LazyCsr {
  private final Supplier<Csr> builder;
  private volatile Csr value;

  LazyCsr(Supplier<Csr> builder) {
    this.builder = builder;
  }

  Csr get() {
    Csr v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = builder.get();
          value = v;
        }
      }
    }
    return v;
  }
}
