import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { writeExcelCsv } from '../src/export/csv'
import { tempDir } from './helpers/temp'

const dir = tempDir('zhanqu-csv-')
const rows = [['户主姓名', '备注'], ['何桂英', '路基, "已完成"\r\n第二行'], ['=HYPERLINK("http://x")', '+1'], ['@SUM(A1)', -3]]

describe('CSV for Excel', () => {
  it('writes BOM, CRLF and RFC 4180 quotes; a file for import reads back exactly', () => {
    const path = join(dir, 'registry.csv')
    writeExcelCsv(path, rows, { forPeople: false })
    const raw = readFileSync(path, 'utf8')
    expect(raw.startsWith('\ufeff户主姓名,备注\r\n')).toBe(true)
    expect(parse(raw, { bom: true })).toEqual(rows.map((r) => r.map(String)))
  })

  it('a file for people shows cells that look like formulas instead of running them', () => {
    const path = join(dir, 'report.csv')
    writeExcelCsv(path, rows, { forPeople: true })
    const back = parse(readFileSync(path, 'utf8'), { bom: true }) as string[][]
    expect(back[2]).toEqual(['\'=HYPERLINK("http://x")', "'+1"])
    expect(back[3]![0]).toBe("'@SUM(A1)")
    expect(back[1]).toEqual(['何桂英', '路基, "已完成"\r\n第二行'])
  })
})
