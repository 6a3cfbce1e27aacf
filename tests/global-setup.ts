import { execFileSync } from 'node:child_process'
import { ROOT } from './helpers/process'

/**
 * Tests that start the bot or the demo as a process run the compiled code in dist/, as `npm start` does:
 * built once here when the sources changed (deploy/build.mjs --if-stale), instead of a TypeScript loader
 * compiling the whole bot again in every child (about 4 s each, 17 children).
 */
export default function setup() {
  execFileSync(process.execPath, ['deploy/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'inherit' })
}
