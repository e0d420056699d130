import type { RegistryArchive } from '../registry-archive';

const MAVEN_CENTRAL = 'https://repo1.maven.org/maven2';

/** A jar from Maven Central, pinned by its hash and kept whole under `into` (the JVM reads it as it is). */
export function mavenJar(into: string, coordinates: string, integrity: string): RegistryArchive {
  const [group = '', artifact = '', version = ''] = coordinates.split(':');
  const name = `${artifact}-${version}.jar`;
  return { url: `${MAVEN_CENTRAL}/${group.replaceAll('.', '/')}/${artifact}/${version}/${name}`, integrity, into, keepAs: name };
}

/** The classpath of these jars as they lie in the image. */
export function classpathOf(jars: readonly RegistryArchive[]): string {
  return jars.map((j) => `${j.into}/${j.keepAs ?? ''}`).join(':');
}
