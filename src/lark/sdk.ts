import { createRequire } from 'node:module'
import type * as Sdk from '@larksuiteoapi/node-sdk'

/**
 * Lark's SDK, loaded with `require` rather than `import`. It is one large CommonJS bundle, and Node 20's ESM
 * loader scans CommonJS for its exports on the way in: `node -e "require('@larksuiteoapi/node-sdk')"` takes
 * 0.38 s of CPU, `await import(…)` of the same 0.8 s, on every start of the bot, the admin CLI and the demo.
 * Types still come from `import type`.
 */
export const lark: typeof Sdk = createRequire(import.meta.url)('@larksuiteoapi/node-sdk')
