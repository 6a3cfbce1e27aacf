import { describe, expect, it } from 'vitest'
import { fx, importFile, seeded } from './fixtures/real-files'

// Files as officials really hand them over, beyond the clean cases in registry-real-files.test.ts: merged
// cells, hidden columns, 1904 workbooks, renamed files, damaged encodings, codes with stray marks.

describe('messy files: read exactly', () => {
  it('a date typed as a plain number in a 1904 workbook counts from 1904, not 1900', async () => {
    const { db } = await seeded()
    const { problems } = await importFile(db, fx('openpyxl-1904-serials.xlsx'))
    expect(problems).toEqual([])
    expect(db.prepare(`SELECT start_date, due_date FROM tasks WHERE code = 'RW2018-0001'`).get())
      .toEqual({ start_date: '2018-03-01', due_date: '2018-07-31' })
  })
})
