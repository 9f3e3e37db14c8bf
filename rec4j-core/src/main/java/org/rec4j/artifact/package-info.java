/**
 * The model artifact format: {@link org.rec4j.artifact.ModelArtifact} (versioned directory with
 * {@code model.json}, safetensors weights, id maps and SHA-256 checksums, written atomically) and
 * {@link org.rec4j.artifact.SafeTensors} (so numpy and PyTorch can read the weights). A model saved
 * by each released format version is kept in test resources and must keep loading.
 */
package org.rec4j.artifact;
