/** JMH benchmarks of the engine's kernels (not published); results and commands in docs/benchmarks-kernels.md. */
package org.rec4j.bench;
