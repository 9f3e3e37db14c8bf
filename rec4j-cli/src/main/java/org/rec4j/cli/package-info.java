/**
 * The {@code rec4j} command line.
 *
 * <h2>Design sketch</h2>
 *
 * <pre>
 *  Main ─▶ Rec4jCommand (--stacktrace, --help, --version)
 *            └─ data ─┬─ stats  --data FORMAT:PATH [--json]
 *                     ├─ fetch  NAME [--cache DIR] [--url URL] [--sha256 HEX]
 *                     └─ split  --data … --split METHOD[:ARGS] --out DIR
 *  Conventions every command follows:
 *    DataMixin   --data FORMAT:PATH (DataSpecConverter → org.rec4j.data.io.DataSpec)
 *    SplitMixin  --split METHOD[:ARGS] (SplitSpec), --drop-cold, --seed
 *    JsonMixin   --json: last stdout line is one snake_case JSON object
 *    ExitCode    0 ok, 1 internal, 2 usage, 3 data; one-line "rec4j: error: …" on stderr
 * </pre>
 */
package org.rec4j.cli;
