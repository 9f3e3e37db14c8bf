/**
 * ONNX export of the models with an ONNX form ({@link org.rec4j.artifact.onnx.OnnxExport}), written
 * with a small hand-made protobuf encoder so rec4j-core needs no protobuf library. The graphs map
 * dense (user, item) ids to the scores the Java models give, for serving from other runtimes.
 */
package org.rec4j.artifact.onnx;
