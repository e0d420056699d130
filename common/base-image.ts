/**
 * The debootstrapped base every runtime image is built `FROM` unless SANDFLOW_BASE_IMAGE names
 * another. Here rather than in runtimes/ so the configuration's default needs no language recipe.
 */
export const DEFAULT_BASE_IMAGE = 'sandflow/debian:bookworm';
