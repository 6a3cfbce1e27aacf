// Summarises a V8 .cpuprofile (from `npm run bench -- --cpu-prof`): self time by function and by file,
// and total (inclusive) time of the functions whose name matches --match.
//   npx tsx tests/bench/profile-top.ts data/bench/profiles/CPU.….cpuprofile [--top 30] [--match route]
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const { positionals, values } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '30' }, match: { type: 'string' } } })
const top = Number(values.top)
for (const file of positionals) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const self = new Map<number, number>()
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)))
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  const label = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`
  const fn = new Map<string, number>()
  const files = new Map<string, number>()
  for (const [id, t] of self) {
    const n = byId.get(id)!
    fn.set(label(n), (fn.get(label(n)) ?? 0) + t)
    const f = short(n.callFrame.url) || `(${n.callFrame.functionName})`
    files.set(f, (files.get(f) ?? 0) + t)
  }
  const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)} %`
  console.log(`\n${file}: ${(total / 1e6).toFixed(1)} s sampled`)
  console.log('-- self time by function')
  for (const [k, t] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${k}`)
  console.log('-- self time by file')
  for (const [k, t] of [...files].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${k}`)
  if (values.match) {
    // Inclusive time: a sample counts once for every distinct matching frame on its stack.
    const re = new RegExp(values.match)
    const incl = new Map<string, number>()
    p.samples.forEach((id, i) => {
      const seen = new Set<string>()
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const n = byId.get(cur)!
        const l = label(n)
        if (re.test(l) && !seen.has(l)) { seen.add(l); incl.set(l, (incl.get(l) ?? 0) + (p.timeDeltas[i] ?? 0)) }
      }
    })
    console.log(`-- total time of functions matching ${values.match}`)
    for (const [k, t] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${k}`)
  }
}

function short(url: string): string {
  return url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'nm/').replace(/^.*\/work\/main\//, '')
}
