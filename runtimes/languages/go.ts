import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const go: LanguageDefinition = {
  id: 'go',
  name: 'Go',
  packages: ['golang-go'],
  sourceFile: 'main.go',
  compile: ['go', 'build', '-o', 'main', '$OPTIONS', 'main.go'],
  run: ['./main', '$ARGS'],
  version: ['go', 'version'],
  // Debian's Go ships the standard library precompiled in GOROOT/pkg, and with cgo left at
  // its default those archives are up to date, so a fresh, empty GOCACHE costs nothing:
  // hello world builds in ~0.25 s. (CGO_ENABLED=0 would make net, os/user... stale and
  // rebuild them on every compile, ~1.4 s.) The cache and GOPATH go to the writable /tmp.
  env: {
    GOCACHE: '/tmp/go-cache',
    GOPATH: '/tmp/go',
    GOPROXY: 'off',
  },
  defaultLimits: { ...BASE_LIMITS, processes: 64 },
};
