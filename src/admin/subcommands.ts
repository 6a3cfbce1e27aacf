import type { Subcommand } from './define'
import { backup } from './backup'
import { bind } from './bind'
import { demoData } from './demo-data'
import { importCommand } from './import'
import { stats } from './stats'
import { template } from './template'
import { run } from './run'
import { exportCommand } from './export'

/** The admin CLI's commands, in the order `--help` lists them. A new subcommand is one file + one line here. */
export const subcommands: readonly Subcommand[] = [
  template,
  importCommand,
  bind,
  stats,
  backup,
  demoData,
  run,
  exportCommand,
]
