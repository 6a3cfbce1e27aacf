/**
 * The import template (docs/interface.md) as data: sheet names, columns in order, which are required, how a
 * cell is read, and the example row. The template writer, the readers and the validator all use this one
 * table, so a column added here shows up everywhere.
 */
export type FieldKind =
  | 'text' | 'name' | 'code' | 'count' | 'positive' | 'year' | 'enum' | 'date' | 'phone' | 'id-number' | 'amount' | 'open-id'

export interface ColumnDef {
  readonly key: string
  readonly header: string
  readonly kind: FieldKind
  readonly required?: boolean
  readonly values?: readonly string[]
  readonly aliases?: readonly string[]
  /** A suffix people often add to an enumeration value (乡镇主体清单 for 乡镇主体); accepted and dropped. */
  readonly dropSuffix?: string
  readonly width: number
  readonly note?: string
}

export type SheetName = '战区' | '乡镇' | '村' | '户' | '成员' | '任务'
export type SheetKey = 'zones' | 'townships' | 'villages' | 'households' | 'members' | 'tasks'

export interface SheetDef {
  readonly name: SheetName
  readonly key: SheetKey
  /** The column that identifies a row for upserts (zones by name, members by phone, the rest by code). */
  readonly keyColumn: string
  readonly columns: readonly ColumnDef[]
}

export const VILLAGE_CATEGORIES = ['已脱贫村', '预脱贫村', '贫困村', '非贫困村'] as const
export const HOUSEHOLD_ATTRIBUTES = ['一般贫困户', '低保贫困户', '特困供养贫困户'] as const
export const HOUSEHOLD_STATUSES = ['未脱贫', '当年脱贫', '已脱贫', '返贫', '非贫困户'] as const
export const MEMBER_ROLES = ['管理员', '县领导', '指挥长', '督查', '乡镇干部', '第一书记', '队长', '队员'] as const
export const TEAM_ROLES = ['第一书记', '队长', '队员'] as const
export const TASK_LISTS = ['乡镇主体', '行业投入', '部门帮扶', '村社责任'] as const
export const TASK_CATEGORIES = ['安全住房', '基础设施', '公共服务', '产业发展', '群众工作', '特殊群体帮扶'] as const
export const TOWNSHIP_KINDS = ['镇', '乡'] as const

const c = (key: string, header: string, kind: FieldKind, width: number, more: Partial<ColumnDef> = {}): ColumnDef =>
  ({ key, header, kind, width, ...more })
const req = { required: true } as const

export const SHEETS: readonly SheetDef[] = [
  {
    name: '战区', key: 'zones', keyColumn: 'name', columns: [
      c('name', '战区名称', 'name', 14, req),
      c('commanderName', '指挥长姓名', 'name', 12),
      c('commanderPhone', '指挥长手机', 'phone', 14),
    ],
  },
  {
    name: '乡镇', key: 'townships', keyColumn: 'code', columns: [
      c('code', '乡镇代码', 'code', 14, req),
      c('name', '乡镇名称', 'name', 12, req),
      c('kind', '类型', 'enum', 8, { values: TOWNSHIP_KINDS }),
      c('zoneName', '所属战区', 'name', 12, req),
    ],
  },
  {
    name: '村', key: 'villages', keyColumn: 'code', columns: [
      c('code', '村代码', 'code', 16, req),
      c('name', '村名称', 'name', 12, req),
      c('townshipCode', '所属乡镇代码', 'code', 14, req),
      c('category', '类别', 'enum', 12, { ...req, values: VILLAGE_CATEGORIES }),
      c('plannedExitYear', '计划脱贫年度', 'year', 12),
      c('households', '总户数', 'count', 10, req),
      c('agriPopulation', '农业人口', 'count', 10, req),
      c('poorPopulation', '贫困人口', 'count', 10, req),
    ],
  },
  {
    name: '户', key: 'households', keyColumn: 'code', columns: [
      c('code', '户编号', 'code', 20, req),
      c('villageCode', '村代码', 'code', 16, req),
      c('headName', '户主姓名', 'name', 10, { ...req, aliases: ['户主'] }),
      c('idNumber', '证件号码', 'id-number', 22, { aliases: ['身份证号码', '身份证号', '证件号'] }),
      c('size', '家庭人口', 'positive', 10, { ...req, aliases: ['家庭人口数', '人口数'] }),
      c('attribute', '贫困户属性', 'enum', 14, { values: HOUSEHOLD_ATTRIBUTES }),
      c('status', '脱贫状态', 'enum', 10, { ...req, values: HOUSEHOLD_STATUSES, aliases: ['脱贫属性'] }),
      c('exitYear', '脱贫年度', 'year', 10),
      c('helper', '帮扶责任人', 'name', 12),
      c('phone', '联系电话', 'phone', 14),
    ],
  },
  {
    name: '成员', key: 'members', keyColumn: 'phone', columns: [
      c('name', '姓名', 'name', 10, req),
      c('phone', '手机', 'phone', 14, { ...req, aliases: ['手机号', '手机号码'] }),
      c('role', '角色', 'enum', 10, { ...req, values: MEMBER_ROLES }),
      c('zoneName', '所属战区', 'name', 12, { note: '指挥长必填' }),
      c('townshipCode', '所属乡镇代码', 'code', 14, { note: '乡镇干部必填' }),
      c('villageCode', '所属村代码', 'code', 16, { note: '第一书记/队长/队员必填；填了村，乡镇和战区可不填' }),
      c('openId', '飞书open_id', 'open-id', 24, { note: '可不填：成员在飞书里 /认证 后自动关联；留空不会清除已有关联' }),
    ],
  },
  {
    name: '任务', key: 'tasks', keyColumn: 'code', columns: [
      c('code', '任务编号', 'code', 14, req),
      c('list', '清单', 'enum', 10, { ...req, values: TASK_LISTS, dropSuffix: '清单' }),
      c('category', '类别', 'enum', 12, { ...req, values: TASK_CATEGORIES }),
      c('title', '事项', 'text', 24, req),
      c('villageCode', '村代码', 'code', 16, { note: '村代码与乡镇代码二选一' }),
      c('townshipCode', '乡镇代码', 'code', 14, { note: '村代码与乡镇代码二选一' }),
      c('unit', '责任单位', 'text', 16),
      c('ownerPhone', '责任人手机', 'phone', 14),
      c('target', '目标数量', 'amount', 10),
      c('measure', '单位', 'text', 8),
      c('startDate', '开始日期', 'date', 12),
      c('dueDate', '截止日期', 'date', 12, req),
    ],
  },
]

export const SHEET_BY_NAME: ReadonlyMap<string, SheetDef> = new Map(SHEETS.map((s) => [s.name, s]))
export const SHEET_BY_KEY = Object.fromEntries(SHEETS.map((s) => [s.key, s])) as Record<SheetKey, SheetDef>

/** The header as written in the template: required columns end with `*`. */
export const templateHeader = (col: ColumnDef): string => (col.required ? `${col.header}*` : col.header)
