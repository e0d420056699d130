import type { LanguageDefinition } from '../language';
import { GO_FAMILY } from './go';

/** Debian bookworm's Go, kept beside the current one for code that needs it. */
export const go119: LanguageDefinition = {
  ...GO_FAMILY,
  id: 'go@1.19',
  packages: ['golang-go'],
  // Debian's Go ships the standard library precompiled in GOROOT/pkg, and with cgo left at
  // its default those archives are up to date, so a fresh, empty GOCACHE costs nothing:
  // hello world builds in ~0.25 s. (CGO_ENABLED=0 would make net, os/user... stale and
  // rebuild them on every compile, ~1.4 s.) The cache and GOPATH go to the writable /tmp.
  // GOMAXPROCS=1 matches the sandbox's one CPU; Go 1.19 would otherwise size it by the
  // host's cores, and with it the number of threads the process limit must allow.
  env: {
    GOCACHE: '/tmp/go-cache',
    GOPATH: '/tmp/go',
    GOPROXY: 'off',
    GOMAXPROCS: '1',
  },
};
