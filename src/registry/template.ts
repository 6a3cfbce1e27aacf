import ExcelJS from 'exceljs'
import { makeIdNumber } from '../privacy/id-number'
import { SHEETS, templateHeader } from './sheets'
import { sheetCells } from './write-sheets'
import type { RegistryRows } from './types'

/**
 * One example row per sheet, showing each column's format; the rows refer to each other (户 → 村 → 乡镇 →
 * 战区). All personal data is made up. In the workbook the first cell of each example row starts with
 * EXAMPLE_MARK, so an untouched template is refused ("请删除示例行") instead of adding a made-up household to
 * the real registry, and an example code can never be taken for a real one.
 */
export const EXAMPLE_MARK = '示例-'

export const TEMPLATE_EXAMPLE: RegistryRows = {
  zones: [{ name: '第一战区', commanderName: '张建国', commanderPhone: '13900001111' }],
  townships: [{ code: '511922204', name: '团结乡', kind: '乡', zoneName: '第一战区' }],
  villages: [{
    code: '511922204207', name: '红岩洞村', townshipCode: '511922204', category: '预脱贫村', plannedExitYear: 2018,
    households: 326, agriPopulation: 1150, poorPopulation: 86,
  }],
  households: [{
    code: '5119222042070001', villageCode: '511922204207', headName: '王大明', idNumber: makeIdNumber('511922', '1968-03-12', 21),
    size: 4, attribute: '一般贫困户', status: '当年脱贫', exitYear: 2018, helper: '李小红', phone: '13700001234',
  }],
  members: [{
    name: '李小红', phone: '13890001234', role: '第一书记', zoneName: '第一战区', townshipCode: '511922204',
    villageCode: '511922204207', openId: null,
  }],
  tasks: [{
    code: 'RW2018-0001', list: '村社责任', category: '安全住房', title: '危房改造', villageCode: '511922204207',
    townshipCode: null, unit: '团结乡人民政府', ownerPhone: '13890001234', target: 12, measure: '户',
    startDate: '2018-03-01', dueDate: '2018-06-30',
  }],
}

/** Writes the import workbook: one sheet per table, required headers marked `*`, a 说明 sheet last. */
export async function writeTemplate(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '战区助手'
  for (const def of SHEETS) {
    const ws = wb.addWorksheet(def.name, { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.columns = def.columns.map((c) => ({
      width: c.width,
      style: c.kind === 'code' || c.kind === 'phone' || c.kind === 'id-number' || c.kind === 'open-id'
        ? { numFmt: '@' } : c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
    }))
    const header = ws.addRow(def.columns.map(templateHeader))
    header.font = { bold: true }
    def.columns.forEach((c, i) => {
      const hints = [c.required ? '必填' : '', c.values ? `可选值：${c.values.join('/')}` : '', c.note ?? ''].filter(Boolean)
      if (hints.length) header.getCell(i + 1).note = hints.join('；')
    })
    for (const row of TEMPLATE_EXAMPLE[def.key] as object[]) {
      const [first, ...rest] = sheetCells(def, row, { dateCells: true })
      ws.addRow([`${EXAMPLE_MARK}${first}`, ...rest]).font = { color: { argb: 'FF808080' } }
    }
    def.columns.forEach((c, i) => {
      if (!c.values) return
      // A drop-down list for enumerations, for the first 5,000 data rows.
      const letter = ws.getColumn(i + 1).letter
      for (let r = 2; r <= 5001; r++) {
        ws.getCell(`${letter}${r}`).dataValidation = {
          type: 'list', allowBlank: !c.required, formulae: [`"${c.values.join(',')}"`],
          showErrorMessage: true, errorTitle: '无效的值', error: `应为 ${c.values.join('/')}`,
        }
      }
    })
  }
  const help = wb.addWorksheet('说明')
  help.columns = [{ width: 8 }, { width: 16 }, { width: 8 }, { width: 70 }]
  help.addRow(['工作表', '列', '必填', '说明']).font = { bold: true }
  for (const def of SHEETS) {
    for (const c of def.columns) {
      help.addRow([def.name, c.header, c.required ? '是' : '', [c.values ? `可选值：${c.values.join('/')}` : '', c.note ?? '']
        .filter(Boolean).join('；')])
    }
  }
  help.addRow([])
  help.addRow(['', '代码、证件号码、手机号请保持「文本」格式，避免 Excel 去掉开头的 0 或改写长数字。'])
  help.addRow(['', '日期写成 YYYY-MM-DD（如 2018-06-30），或直接用 Excel 日期单元格。'])
  help.addRow(['', `每张表第 2 行是示例（灰色，以「${EXAMPLE_MARK}」开头）：导入前请删除或覆盖，留着会被拒绝。`])
  help.addRow(['', '空白单元格和表里没有的列不会改动已有数据；要清空一个值，请填 - 或（空）。'])
  await wb.xlsx.writeFile(path)
}
