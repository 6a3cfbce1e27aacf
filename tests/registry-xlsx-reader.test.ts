import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { DEFAULT_IMPORT_LIMITS } from '../src/config'
import { importRegistry } from '../src/registry/import'
import { registryStore } from '../db/repos/registry'
import { readXlsx } from '../src/registry/read-xlsx'
import { formatProblem } from '../src/registry/types'
import type { HouseholdRow } from '../db/repos/registry-rows'
import { writeRegistryXlsx } from '../src/registry/write-sheets'
import { freshDb, GOOD, importSheets } from './fixtures/registry'
import { storedZip } from './fixtures/stored-zip'

describe('xlsx reader', () => {
  it('reads workbooks whose workbook.xml comes last in the zip, every time', async () => {
    const { dir } = freshDb()
    const wb = new ExcelJS.Workbook()
    for (const name of ['说明', '战区', '乡镇']) wb.addWorksheet(name).addRows([['战区名称*'], ['第一战区'], [new Date(Date.UTC(2018, 5, 30))]])
    const file = join(dir, 'order.xlsx')
    await wb.xlsx.writeFile(file)
    for (let i = 0; i < 10; i++) {
      const r = await readXlsx(file, 'order.xlsx', DEFAULT_IMPORT_LIMITS)
      expect(r.ignored).toEqual(['说明'])
      expect(r.sheets.map((s) => [s.sheet, s.rows.length])).toEqual([['战区', 3], ['乡镇', 3]])
      expect(r.sheets[0]!.rows[2]!.cells[0]).toEqual(new Date(Date.UTC(2018, 5, 30)))
    }
  })

  it('handles prefixed tags, inline strings, escapes, errors, booleans, 1904 dates, gaps between cells', async () => {
    const { dir } = freshDb()
    const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    const file = join(dir, 'hand.xlsx')
    writeFileSync(file, storedZip({
      'xl/workbook.xml': `<x:workbook ${ns} xmlns:r="r"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="户" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
      'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Type="t" Target="/xl/worksheets/s1.xml"/></Relationships>',
      'xl/styles.xml': `<x:styleSheet ${ns}><x:numFmts><x:numFmt numFmtId="170" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></x:numFmts>` +
        '<x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="170"/></x:cellXfs></x:styleSheet>',
      'xl/sharedStrings.xml': `<x:sst ${ns}><x:si><x:r><x:t>王</x:t></x:r><x:r><x:rPr/><x:t xml:space="preserve">大明</x:t></x:r><x:rPh><x:t>ワン</x:t></x:rPh></x:si></x:sst>`,
      'xl/worksheets/s1.xml': `<x:worksheet ${ns}><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>户编号</x:t></x:is></x:c></x:row>` +
        '<x:row r="3" spans="1:6"/><x:row r="4"><x:c r="A4" t="s"><x:v>0</x:v></x:c><x:c r="C4" t="str"><x:f>A1</x:f><x:v>A&amp;B_x000D_</x:v></x:c>' +
        '<x:c r="D4" t="e"><x:v>#N/A</x:v></x:c><x:c r="E4" t="b"><x:v>1</x:v></x:c><x:c r="F4" s="1"><x:v>0</x:v></x:c><x:c r="G4"/></x:row>' +
        '</x:sheetData><x:rowBreaks count="1"><x:brk id="3"/></x:rowBreaks></x:worksheet>',
    }))
    const r = await readXlsx(file, 'hand.xlsx', DEFAULT_IMPORT_LIMITS)
    expect(r.sheets).toHaveLength(1)
    expect(r.sheets[0]!.rows).toEqual([{ line: 1, cells: ['户编号'] }, {
      line: 4, cells: ['王大明', null, 'A&B\r', { error: '#N/A' }, true, new Date(Date.UTC(1904, 0, 1)), null],
    }])
  })

  it('explains a file that is not a workbook', async () => {
    const { db, dir } = freshDb()
    const file = join(dir, '村.xlsx')
    writeFileSync(file, '村代码,村名称\n1,2\n')
    const r = await importRegistry({ ...registryStore(db), now: () => new Date() }, [file])
    expect(r.ok ? [] : r.problems.map(formatProblem))
      .toEqual(['村.xlsx：无法读取：不是有效的 .xlsx 文件（可能是改了扩展名的其他文件，或文件已损坏）'])
  })
})

describe('large xlsx with Chinese text', () => {
  it.each([['inline strings', false], ['shared strings, as Excel writes', true]])('%s: every cell reads back intact', async (_n, shared) => {
    const { db, dir } = freshDb()
    expect((await importSheets(db, dir, { 战区: GOOD.战区!, 乡镇: GOOD.乡镇!, 村: GOOD.村! })).problems).toEqual([])
    // ~330 KB of sheet XML: a multi-byte character falls across the reader's chunk boundaries many times over.
    const households: HouseholdRow[] = Array.from({ length: 4_000 }, (_, i) => ({
      code: `H${String(i).padStart(6, '0')}`, villageCode: '511922204207', headName: `欧阳${'春夏秋冬'[i % 4]}${i}`, idNumber: null,
      size: 3, attribute: '一般贫困户', status: '已脱贫', exitYear: 2017, helper: `南江县团结乡人民政府驻红岩洞村帮扶干部第${i}号`, phone: null,
    }))
    const file = join(dir, 'big.xlsx')
    await writeRegistryXlsx(file, { zones: [], townships: [], villages: [], households, members: [], tasks: [] }, { sharedStrings: shared })
    const r = await importRegistry({ ...registryStore(db), now: () => new Date() }, [file])
    expect(r.ok ? [] : r.problems.slice(0, 3).map(formatProblem)).toEqual([])
    const stored = db.prepare('SELECT head_name AS headName, helper FROM households ORDER BY code').all()
    expect(stored).toEqual(households.map((h) => ({ headName: h.headName, helper: h.helper })))
  }, 60_000)
})
