-- The county registry (docs/interface.md). Codes are text: leading zeros matter.
CREATE TABLE zones (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  commander_name  TEXT,
  commander_phone TEXT
);

CREATE TABLE townships (
  code    TEXT PRIMARY KEY CHECK (length(code) > 0),
  name    TEXT NOT NULL CHECK (length(name) > 0),
  kind    TEXT CHECK (kind IN ('镇', '乡')),
  zone_id INTEGER NOT NULL REFERENCES zones(id)
);
CREATE INDEX townships_zone ON townships(zone_id);

CREATE TABLE villages (
  code              TEXT PRIMARY KEY CHECK (length(code) > 0),
  name              TEXT NOT NULL CHECK (length(name) > 0),
  township_code     TEXT NOT NULL REFERENCES townships(code),
  category          TEXT NOT NULL CHECK (category IN ('已脱贫村', '预脱贫村', '贫困村', '非贫困村')),
  planned_exit_year INTEGER CHECK (planned_exit_year BETWEEN 2014 AND 2030),
  households        INTEGER NOT NULL CHECK (households >= 0),
  agri_population   INTEGER NOT NULL CHECK (agri_population >= 0),
  poor_population   INTEGER NOT NULL CHECK (poor_population >= 0)
);
CREATE INDEX villages_township ON villages(township_code);
CREATE INDEX villages_name ON villages(name);

CREATE TABLE households (
  code          TEXT PRIMARY KEY CHECK (length(code) > 0),   -- 户编号
  village_code  TEXT NOT NULL REFERENCES villages(code),
  head_name     TEXT NOT NULL CHECK (length(head_name) > 0),
  id_number     TEXT,
  size          INTEGER NOT NULL CHECK (size > 0),
  attribute     TEXT CHECK (attribute IN ('一般贫困户', '低保贫困户', '特困供养贫困户')),
  status        TEXT NOT NULL CHECK (status IN ('未脱贫', '当年脱贫', '已脱贫', '返贫', '非贫困户')),
  exit_year     INTEGER CHECK (exit_year BETWEEN 2014 AND 2030),
  helper        TEXT,
  phone         TEXT
);
CREATE INDEX households_village ON households(village_code);
CREATE INDEX households_head ON households(head_name);

CREATE TABLE members (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL CHECK (length(name) > 0),
  phone         TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('管理员', '县领导', '指挥长', '督查', '乡镇干部', '第一书记', '队长', '队员')),
  zone_id       INTEGER REFERENCES zones(id),
  township_code TEXT REFERENCES townships(code),
  village_code  TEXT REFERENCES villages(code),
  open_id       TEXT UNIQUE
);
CREATE INDEX members_village ON members(village_code);
CREATE INDEX members_name ON members(name);

CREATE TABLE tasks (
  code          TEXT PRIMARY KEY CHECK (length(code) > 0),     -- 任务编号
  list          TEXT NOT NULL CHECK (list IN ('乡镇主体', '行业投入', '部门帮扶', '村社责任')),
  category      TEXT NOT NULL CHECK (category IN ('安全住房', '基础设施', '公共服务', '产业发展', '群众工作', '特殊群体帮扶')),
  title         TEXT NOT NULL CHECK (length(title) > 0),       -- 事项
  village_code  TEXT REFERENCES villages(code),
  township_code TEXT REFERENCES townships(code),
  unit          TEXT,                                          -- 责任单位
  owner_phone   TEXT,                                          -- 责任人手机
  target        REAL CHECK (target > 0),                       -- 目标数量
  measure       TEXT,                                          -- 单位
  start_date    TEXT CHECK (start_date IS NULL OR start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  due_date      TEXT NOT NULL CHECK (due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  CHECK ((village_code IS NULL) <> (township_code IS NULL)),
  CHECK (start_date IS NULL OR start_date <= due_date)
);
CREATE INDEX tasks_village ON tasks(village_code);
CREATE INDEX tasks_township ON tasks(township_code);
CREATE INDEX tasks_owner ON tasks(owner_phone);

-- A group chat is bound to one zone or to the county HQ.
CREATE TABLE chat_bindings (
  chat_id  TEXT PRIMARY KEY,
  zone_id  INTEGER REFERENCES zones(id),
  bound_by TEXT NOT NULL,
  bound_at INTEGER NOT NULL
);
CREATE INDEX chat_bindings_zone ON chat_bindings(zone_id);

-- /认证 failures, for the lock-out (five wrong tries lock an account for an hour).
CREATE TABLE auth_failures (
  open_id TEXT NOT NULL,
  at      INTEGER NOT NULL
);
CREATE INDEX auth_failures_open_id ON auth_failures(open_id, at);
