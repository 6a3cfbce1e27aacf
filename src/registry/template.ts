import { col, type Cell, type Sheet } from '../export/book'
import { writeBook } from '../export/render'
import { makeIdNumber } from '../privacy/id-number'
import { SHEETS, type SheetDef } from './sheets'
import { registryColumn, sheetCells } from './write-sheets'
import type { RegistryRows } from '../../db/repos/registry-rows'

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
  const sheets: Sheet[] = SHEETS.map((def) => ({
    name: def.name,
    columns: def.columns.map((c) => ({ ...registryColumn(c), note: hints(c), choices: c.values, required: c.required })),
    rows: (TEMPLATE_EXAMPLE[def.key] as object[]).map((row) => {
      const [first, ...rest] = sheetCells(def, row)
      return [`${EXAMPLE_MARK}${first}`, ...rest] as Cell[]
    }),
    exampleRows: (TEMPLATE_EXAMPLE[def.key] as object[]).length,
  }))
  const help: Cell[][] = SHEETS.flatMap((def) => def.columns.map((c) => [def.name, c.header, c.required ? '是' : '', hints(c, false) ?? '']))
  help.push(
    [],
    ['', '代码、证件号码、手机号请保持「文本」格式，避免 Excel 去掉开头的 0 或改写长数字。'],
    ['', '日期写成 YYYY-MM-DD（如 2018-06-30），或直接用 Excel 日期单元格。'],
    ['', `每张表第 2 行是示例（灰色，以「${EXAMPLE_MARK}」开头）：导入前请删除或覆盖，留着会被拒绝。`],
    ['', '空白单元格和表里没有的列不会改动已有数据；要清空一个值，请填 - 或（空）。'],
  )
  sheets.push({ name: '说明', plain: true, columns: [col('工作表', 8), col('列', 16), col('必填', 8), col('说明', 70)], rows: help })
  await writeBook({ sheets }, path)
}

/** What a column takes, for its header note (and the 说明 sheet, without 必填, which has its own column). */
function hints(c: SheetDef['columns'][number], required = true): string | undefined {
  const parts = [required && c.required ? '必填' : '', c.values ? `可选值：${c.values.join('/')}` : '', c.note ?? ''].filter(Boolean)
  return parts.length ? parts.join('；') : undefined
}
