#!/usr/bin/env node
// `npm run build`: TypeScript → JavaScript that plain `node` runs, in dist/ (no loader, no bundler).
//
//   node deploy/build.mjs                 always build dist/
//   node deploy/build.mjs --if-stale      build only when dist/ is missing or older than the sources
//                                         (npm start, npm run admin and npm run demo run this first)
//   node deploy/build.mjs --check         build nothing; exit 1 when dist/ is missing or stale (the systemd
//                                         unit, whose user may not write the code's folder, runs this)
//   node deploy/build.mjs --project tests/bench/tsconfig.build.json --out data/bench/build
//
// tsc emits the imports as written, and this code imports without extensions (`from './config'`), which
// only a bundler or a loader resolves: Node's ESM loader needs the file name. So after tsc, every relative
// specifier in the emitted files gets the `.js` (or `/index.js`) that tsc itself resolved it to; one that
// names no emitted file stops the build. Files that are not TypeScript (migrations, the map's CSS, the
// render worker) are copied next to the code that reads them. The output is built in a temporary folder
// and swapped in whole, so a running bot or a second build never sees half of it.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** What the compiled code is made of: a change to any of these makes dist/ stale. */
const SOURCE_DIRS = ['src', 'commands', 'scheduler', 'db']
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json', 'deploy/build.mjs']
/** Entry points at the top of dist/: `node dist/main.js` is the bot, admin.js the CLI, demo.js the demo. */
const ENTRIES = {
  'main.js': `import './src/main.js'\n`,
  'admin.js': `import { main } from './src/admin/cli.js'\nawait main()\n`,
  'demo.js': `import './src/demo.js'\n`,
}
const STAMP = '.build-hash'

const args = process.argv.slice(2)
const option = (name) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const project = resolve(ROOT, option('--project') ?? 'tsconfig.build.json')
const out = resolve(ROOT, option('--out') ?? 'dist')

/** Why dist/ must be built, or null when it is current. */
function staleness() {
  const built = existsSync(join(out, STAMP)) ? readFileSync(join(out, STAMP), 'utf8').trim() : null
  // A production image or copy may hold dist/ without the sources: it is what was built.
  if (!existsSync(join(ROOT, 'src'))) {
    if (built) return null
    throw new Error(`${out} is missing and there are no sources to build it from`)
  }
  if (!built) return 'no build yet'
  return built === inputHash() ? null : 'the sources changed since the last build'
}

function build() {
  const tsc = tscPath()
  const tmp = `${out}.tmp-${process.pid}`
  rmSync(tmp, { recursive: true, force: true })
  try {
    execFileSync(process.execPath, [tsc, '-p', project, '--outDir', tmp], { cwd: ROOT, stdio: 'inherit' })
  } catch {
    rmSync(tmp, { recursive: true, force: true })
    throw new Error('tsc failed: see the errors above')
  }
  const emitted = walk(tmp).filter((f) => f.endsWith('.js'))
  const unresolved = emitted.flatMap((file) => addExtensions(file))
  for (const dir of SOURCE_DIRS) copyAssets(join(ROOT, dir), join(tmp, dir))
  if (unresolved.length) {
    rmSync(tmp, { recursive: true, force: true })
    throw new Error(`imports that name no compiled file:\n${unresolved.join('\n')}`)
  }
  for (const [name, text] of Object.entries(ENTRIES)) writeFileSync(join(tmp, name), text)
  // dist/ says it is ESM itself, so it runs wherever it is copied (a container, a temp folder).
  writeFileSync(join(tmp, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`)
  writeFileSync(join(tmp, STAMP), `${inputHash()}\n`)
  const old = `${out}.old-${process.pid}`
  if (existsSync(out)) renameSync(out, old)
  renameSync(tmp, out)
  rmSync(old, { recursive: true, force: true })
  console.error(`built ${relative(ROOT, out) || out}: ${emitted.length} files`)
}

/** The TypeScript compiler of this install; absent after `npm ci --omit=dev`. */
function tscPath() {
  try {
    const pkg = createRequire(join(ROOT, 'package.json')).resolve('typescript/package.json')
    return join(dirname(pkg), 'bin', 'tsc')
  } catch {
    throw new Error('TypeScript is not installed (an `npm ci --omit=dev` install cannot build): run `npm ci` and `npm run build` first')
  }
}

// `from './x'`, `import './x'`, `import('./x')` and `export … from './x'`, as tsc prints them.
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|^\s*import\s*)(['"])(\.{1,2}\/[^'"\n]*)\2/gm

/** Rewrites one emitted file's relative specifiers; returns the ones that resolve to nothing. */
function addExtensions(file) {
  const problems = []
  const text = readFileSync(file, 'utf8')
  const next = text.replace(SPECIFIER, (whole, lead, quote, spec) => {
    if (/\.(m?js|json|node)$/.test(spec)) return whole
    const target = resolve(dirname(file), spec)
    const withExt = existsSync(`${target}.js`) ? `${spec}.js`
      : existsSync(join(target, 'index.js')) ? `${spec.replace(/\/$/, '')}/index.js`
      : null
    if (!withExt) {
      problems.push(`  ${relative(ROOT, file)}: '${spec}'`)
      return whole
    }
    return `${lead}${quote}${withExt}${quote}`
  })
  if (next !== text) writeFileSync(file, next)
  return problems
}

/** Everything in a source folder that tsc does not emit (.sql, .css, .mjs) goes next to the emitted code. */
function copyAssets(from, to) {
  for (const file of walk(from)) {
    if (file.endsWith('.ts')) continue
    const target = join(to, relative(from, file))
    mkdirSync(dirname(target), { recursive: true })
    cpSync(file, target)
  }
}

/** A digest of every input's path and bytes (content, not mtimes: a checkout or copy resets those). */
function inputHash() {
  const hash = createHash('sha256')
  const files = [
    ...SOURCE_DIRS.flatMap((d) => (existsSync(join(ROOT, d)) ? walk(join(ROOT, d)) : [])),
    ...SOURCE_FILES.map((f) => join(ROOT, f)).filter((f) => existsSync(f)),
    project,
  ].sort()
  for (const f of files) hash.update(relative(ROOT, f)).update('\0').update(readFileSync(f)).update('\0')
  return hash.digest('hex')
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? walk(p) : [p]
  })
}

try {
  if (args.includes('--check')) {
    const why = staleness()
    if (why) throw new Error(`${relative(ROOT, out) || out} is not current (${why}): run \`npm ci && npm run build\` in ${ROOT}`)
  } else if (args.includes('--if-stale')) {
    const why = staleness()
    if (why) {
      console.error(`building ${relative(ROOT, out) || out} (${why})`)
      build()
    }
  } else {
    build()
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
}
