import { describe, expect, it } from 'vitest'
import { safeFileName } from '../src/export/file-name'

describe('attachment file names', () => {
  it('keep Chinese names and make hostile ones harmless', () => {
    expect(safeFileName('考核排名-2018-05-第一战区', '.xlsx')).toBe('考核排名-2018-05-第一战区.xlsx')
    expect(safeFileName('考核排名-2018-05-../../etc/passwd', '.xlsx')).toBe('考核排名-2018-05-.._.._etc_passwd.xlsx')   // no separator is left to climb with
    expect(safeFileName('a\\b:c*d?e"f<g>h|i', '.xlsx')).toBe('a_b_c_d_e_f_g_h_i.xlsx')
    expect(safeFileName('排名\u202excod.exe', '.xlsx')).toBe('排名_xcod.exe.xlsx')   // no right-to-left override
    expect(safeFileName('排名\u0000\r\n战区', '.xlsx')).toBe('排名_战区.xlsx')
    expect(safeFileName('...', '.xlsx')).toBe('file.xlsx')
    expect(safeFileName(' .战区. ', '.xlsx')).toBe('战区.xlsx')
    expect([...safeFileName('长'.repeat(300), '.xlsx')]).toHaveLength(85)
  })
})
