import Database from 'better-sqlite3'
import { openDatabase } from '../../db/open'

/**
 * A small county with known numbers, for tests that check figures by hand. People, phones and ID numbers
 * are made up. Two villages share the name 红岩洞村 (in 团结乡 and 南江镇) on purpose.
 */
export const PEOPLE = {
  admin: 'ou_admin', leader: 'ou_leader', commander1: 'ou_cmd1', commander2: 'ou_cmd2', inspector: 'ou_inspector',
  cadre: 'ou_cadre', team1: 'ou_team1', team3: 'ou_team3', stranger: 'ou_stranger',
} as const

/** Noon in Nanjiang on 2018-06-15. */
export const FIXTURE_NOW = new Date('2018-06-15T04:00:00Z')

export function seedFixture(dbPath: string) {
  openDatabase(dbPath).close()   // migrate
  const db = new Database(dbPath)
  db.exec(`
    INSERT INTO zones (id, name, commander_name, commander_phone) VALUES (1, '第一战区', '张指挥', '13800000001'), (2, '第二战区', '赵指挥', '13800000002');
    INSERT INTO townships (code, name, kind, zone_id) VALUES
      ('511922204', '团结乡', '乡', 1), ('511922100', '南江镇', '镇', 1), ('511922207', '红四乡', '乡', 2);
    INSERT INTO villages (code, name, township_code, category, planned_exit_year, households, agri_population, poor_population) VALUES
      ('V001', '红岩洞村', '511922204', '预脱贫村', 2018, 320, 1000, 20),
      ('V002', '周山村', '511922204', '已脱贫村', NULL, 150, 600, 30),
      ('V003', '惠民村', '511922207', '贫困村', 2019, 280, 900, 90),
      ('V004', '红岩洞村', '511922100', '非贫困村', NULL, 200, 700, 7);
    INSERT INTO households (code, village_code, head_name, id_number, size, attribute, status, exit_year, helper, phone) VALUES
      ('H001', 'V001', '何桂英', '511922196505120023', 4, '一般贫困户', '当年脱贫', 2018, '何伟', '13912340001'),
      ('H002', 'V001', '李明', '511922197001010018', 3, '低保贫困户', '未脱贫', NULL, '何伟', '13912340002'),
      ('H003', 'V003', '何桂英', '511922198003030047', 2, '一般贫困户', '未脱贫', NULL, NULL, NULL),
      ('H004', 'V002', '王五', NULL, 5, '一般贫困户', '已脱贫', 2017, NULL, NULL),
      ('H005', 'V001', '周大', NULL, 2, NULL, '非贫困户', NULL, NULL, NULL);
    INSERT INTO members (name, phone, role, zone_id, township_code, village_code, open_id) VALUES
      ('管理员甲', '13900000000', '管理员', NULL, NULL, NULL, 'ou_admin'),
      ('县领导乙', '13900000009', '县领导', NULL, NULL, NULL, 'ou_leader'),
      ('张指挥', '13800000001', '指挥长', 1, NULL, NULL, 'ou_cmd1'),
      ('赵指挥', '13800000002', '指挥长', 2, NULL, NULL, 'ou_cmd2'),
      ('督查丙', '13900000008', '督查', NULL, NULL, NULL, 'ou_inspector'),
      ('乡干丁', '13900000007', '乡镇干部', 1, '511922204', NULL, 'ou_cadre'),
      ('何伟', '13812345678', '队长', NULL, NULL, 'V001', 'ou_team1'),
      ('钱队员', '13812340003', '队员', NULL, NULL, 'V003', 'ou_team3'),
      ('刘洋', '13700001234', '队员', NULL, NULL, 'V001', NULL);
    INSERT INTO tasks (code, list, category, title, village_code, township_code, unit, owner_phone, target, measure, start_date, due_date) VALUES
      ('T001', '行业投入', '基础设施', '通村道路硬化', 'V001', NULL, '县交通局', '13812345678', 15, '公里', '2018-03-01', '2018-06-30'),
      ('T002', '村社责任', '公共服务', '卫生室建设', 'V001', NULL, '团结乡', '13812345678', NULL, NULL, '2018-03-01', '2018-05-31'),
      ('T003', '部门帮扶', '产业发展', '黄羊养殖合作社', 'V003', NULL, '县农业局', '13812340003', 100, '只', '2018-02-01', '2018-06-10'),
      ('T004', '乡镇主体', '公共服务', '乡卫生院规范化', NULL, '511922204', '团结乡', '13900000007', NULL, NULL, '2018-01-15', '2018-03-31');
  `)
  db.close()
}
