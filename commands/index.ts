import type { Command } from './define'
import help from './help'

/** The command table: the router, /帮助 and the README's reference are generated from it. */
export const commands: Command[] = [help]
