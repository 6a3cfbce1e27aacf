import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../db/open'
import { registryStore } from '../db/repos/registry'
import { DEFAULT_IMPORT_LIMITS } from '../src/config'
import { readXlsx } from '../src/registry/read-xlsx'
import { formatProblem } from '../src/registry/types'
import { HOSTILE, hostileWorkbook, sheetPart, writeHostile } from './fixtures/hostile-xlsx'
import { freshDb, GOOD, importSheets, tableCounts, withRows } from './fixtures/registry'
import { startProcess } from './helpers/process'
import { tempDir } from './helpers/temp'

/** The process's peak resident memory so far (MB), from /proc; 0 once it is gone. */
function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : 0
  } catch {
    return 0
  }
}

describe('hostile workbooks', () => {
  it('each is refused with its reason and exit 2, in the 256 MB heap that the bot runs with, within seconds, and nothing is written', async () => {
    const dir = tempDir()
    const files = writeHostile(dir)
    for (const f of files) expect(statSync(f).size).toBeLessThan(1_000_000)
    const dbPath = join(dir, 'hostile.db')
    const started = Date.now()
    // All in one admin process: a crash on any file (V8 out of memory, invalid table size) fails them all.
    const p = startProcess('src/admin/cli.ts', { DATABASE_PATH: dbPath, IMPORT_MAX_ROWS: '1000', NODE_OPTIONS: '--max-old-space-size=256' },
      ['import', ...files])
    let peak = 0
    const watch = setInterval(() => (peak = Math.max(peak, peakRssMb(p.child.pid!))), 25)
    const killer = setTimeout(() => p.child.kill('SIGKILL'), 60_000)
    const code = await p.exited
    clearInterval(watch)
    clearTimeout(killer)
    const seconds = (Date.now() - started) / 1000
    const said = new Map(p.stdout.split('\n').filter((l) => l.includes('：无法读取：')).map((l) => [l.split('：')[0], l]))
    expect({ code, stderr: p.stderr.trim() }).toEqual({ code: 2, stderr: `共 ${HOSTILE.length} 个问题，没有导入任何数据。请修改后重新导入。` })
    for (const h of HOSTILE) expect(said.get(h.file), h.file).toContain(h.says)
    expect(seconds).toBeLessThan(30) // the quadratic scans took 50 s and 130 s each
    // The heap is capped by the flag (over it, V8 aborts: exit 134). Resident memory besides: node, tsx and the
    // CLI's modules take ~230 MB before reading a byte; the findings reached 437 MB and 1.4 GB.
    expect(peak).toBeLessThan(500)
    const db = openDatabase(dbPath)
    expect(Object.values(tableCounts(db)).every((n) => n === 0)).toBe(true)
    db.close()
  }, 90_000)

  it('reads the last column Excel has (XFD) and row 1,048,576, and refuses one past either', async () => {
    const dir = tempDir()
    const read = (name: string, rows: string) => {
      writeFileSync(join(dir, name), hostileWorkbook(sheetPart({ unit: rows })))
      return readXlsx(join(dir, name), name, DEFAULT_IMPORT_LIMITS)
    }
    const edge = await read('edge.xlsx', '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>')
    const rows = edge.sheets[0]!.rows
    expect(rows.map((r) => [r.line, r.cells.length, r.cells.at(-1)])).toEqual([[1, 1, 1], [1_048_576, 16_384, 2]])
    await expect(read('xfe.xlsx', '<row r="1"><c r="XFE1"><v>1</v></c></row>')).rejects.toThrow('XFE1 超出 Excel 的范围')
    await expect(read('cells-backwards.xlsx', '<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>1</v></c></row>')).rejects.toThrow('单元格顺序错乱')
    await expect(read('rows-backwards.xlsx', '<row r="5"/><row r="3"/>')).rejects.toThrow('行号不是递增的')
  })

  it('100,000 overlapping merged blocks over one column are refused at the first overlap, not walked row by row', async () => {
    const { db, dir } = freshDb()
    const file = join(dir, 'merges.xlsx')
    const header = ['户编号*', '村代码*', '户主姓名*', '家庭人口*', '脱贫状态*']
      .map((h, i) => `<c r="${'ABCDE'[i]}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')
    const rows = Array.from({ length: 2000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="str"><v>H${i}</v></c></row>`).join('')
    writeFileSync(file, hostileWorkbook(sheetPart({
      head: `<row r="1">${header}</row>${rows}</sheetData><mergeCells>`, tail: '</mergeCells></worksheet>',
      unit: '<mergeCell ref="B2:B1048576"/>'.repeat(1000), times: 100,
    })))
    const { importRegistry } = await import('../src/registry/import')
    const r = await importRegistry({ ...registryStore(db), now: () => new Date() }, [file])
    expect(r.ok ? [] : r.problems.map(formatProblem).filter((p) => p.includes('合并'))).toEqual([
      '户 第 2 行 B 列：合并单元格 B2:B1048576 与另一个合并单元格重叠：文件已损坏，请在 Excel/WPS 中打开并另存为 .xlsx 后再导入',
    ])
  }, 20_000)

  it('a CSV past IMPORT_MAX_ROWS or IMPORT_MAX_MB is refused before it is parsed', async () => {
    const { db, dir } = freshDb()
    const limits = { maxRows: 3, maxBytes: 10_000 }
    const { importRegistry } = await import('../src/registry/import')
    const rows = join(dir, '村.csv')
    writeFileSync(rows, `${GOOD.村!.join('\n')}\n511922207202,新村,511922207,贫困村,2019,1,1,1\n`)
    const big = join(dir, '户.csv')
    writeFileSync(big, `${GOOD.户![0]}\n${'x,'.repeat(6_000)}\n`)
    const r = await importRegistry({ ...registryStore(db), now: () => new Date(), limits }, [rows, big])
    expect(r.ok ? [] : r.problems.map((p) => `${p.source}：${p.reason}`)).toEqual([
      '村.csv：无法读取：超过 3 行（IMPORT_MAX_ROWS），不导入：请拆成几个文件分批导入',
      '户.csv：无法读取：文件超过 0.01 MB（IMPORT_MAX_MB），不导入：请拆成几个文件分批导入',
    ])
  })
})

describe('invisible characters in imported text', () => {
  it('are dropped as they are from chat input (NUL, bidi overrides), in xlsx and CSV alike', async () => {
    const { db, dir } = freshDb()
    // CSV: a village name with a right-to-left override and a NUL; a helper with a bidi isolate.
    const csv = await importSheets(db, dir, withRows({
      村: ['511922207202,惠\u202E民\u0000二村,511922207,贫困村,2019,1,1,1'],
      户: ['5119222072020001,511922207202,周\u2066春\u2069生,,2,一般贫困户,未脱贫,,李\u200B小红,'],
    }))
    expect(csv.problems).toEqual([])
    expect(db.prepare("SELECT name FROM villages WHERE code = '511922207202'").get()).toEqual({ name: '惠民二村' })
    expect(db.prepare("SELECT head_name AS n, helper AS h FROM households WHERE code = '5119222072020001'").get()).toEqual({ n: '周春生', h: '李小红' })
    // xlsx: Excel's escapes for control characters (_x0000_) and a raw override in a shared string.
    const file = join(dir, 'names.xlsx')
    writeFileSync(file, hostileWorkbook(sheetPart({
      unit: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="str"><v>_x0000_户_x202E_编号</v></c></row>',
    }), '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>王\u202E大_x0007_明</t></si></sst>'))
    const read = await readXlsx(file, 'names.xlsx', DEFAULT_IMPORT_LIMITS)
    expect(read.sheets[0]!.rows[0]!.cells).toEqual(['王大明', '户编号'])
  })

  it('a lone surrogate (half a character) is refused in a name as unreadable, and nothing is stored', async () => {
    const { db, dir } = freshDb()
    const file = join(dir, 'surrogate.xlsx')
    writeFileSync(file, hostileWorkbook(sheetPart({ unit: '<row r="1"><c r="A1" t="str"><v>战区名称*</v></c></row>' +
      '<row r="2"><c r="A2" t="str"><v>第_xD83D_战区</v></c></row>' }), undefined, '战区'))
    const { importRegistry } = await import('../src/registry/import')
    const r = await importRegistry({ ...registryStore(db), now: () => new Date() }, [file])
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      '战区 第 2 行 A 列「战区名称」：有无法识别的字（�），可能是保存时编码不对：请在 Excel/WPS 中另存为「CSV UTF-8」，或直接导入 .xlsx',
    ])
    expect(tableCounts(db).zones).toBe(0)
  })
})
