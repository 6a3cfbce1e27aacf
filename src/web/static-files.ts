import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = (name: string) => fileURLToPath(new URL(`./static/${name}`, import.meta.url))
// chart.js's exports map hides its dist folder from import; its UMD build sits next to the CJS entry.
const chartUmd = () => join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js')

const JS = 'text/javascript; charset=utf-8'
const FILES: Record<string, { path: () => string; type: string }> = {
  'map.js': { path: () => here('map.js'), type: JS },
  'map.css': { path: () => here('map.css'), type: 'text/css; charset=utf-8' },
  // Served from the project's own node_modules: the county network may have no internet.
  'chart.umd.min.js': { path: chartUmd, type: JS },
}

const cache = new Map<string, { body: Buffer; type: string }>()

/** A whitelisted static file, read once; anything else is null (no path ever comes from the request). */
export function staticFile(name: string): { body: Buffer; type: string } | null {
  const spec = Object.hasOwn(FILES, name) ? FILES[name] : undefined
  if (!spec) return null
  let file = cache.get(name)
  if (!file) cache.set(name, (file = { body: readFileSync(spec.path()), type: spec.type }))
  return file
}
