/**
 * Where the command is in a message. People write around it: `请 @张三 看一下 /逾期` (the mentions are
 * already gone, see src/lark/inbound.ts), or several commands on several lines. A message is one command,
 * or one command per line, or it is refused whole — a second line is never silently the first one's remark.
 */
export type CommandLines =
  | { kind: 'one'; line: string }
  | { kind: 'many'; lines: string[] }
  | { kind: 'refused'; reason: string }

/** At most this many command lines in one message; more is a paste, not a report. */
export const MAX_COMMAND_LINES = 10

const ONE_PER_MESSAGE = '请一条消息只写一条命令，或者每行写一条以 / 开头的命令；备注请和命令写在同一行。这条消息没有记录任何内容。'

export function commandLines(text: string): CommandLines {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean)
  if (lines.length <= 1) return { kind: 'one', line: commandOf(lines[0] ?? '') ?? lines[0] ?? '' }
  const commands = lines.map(commandOf)
  const stray = commands.findIndex((c) => c === null)
  if (stray >= 0) {
    const shown = [...lines[stray]!].slice(0, 20).join('')
    return { kind: 'refused', reason: `这条消息有 ${lines.length} 行，第 ${stray + 1} 行「${shown}」不是命令。\n${ONE_PER_MESSAGE}` }
  }
  if (commands.length > MAX_COMMAND_LINES) {
    return { kind: 'refused', reason: `这条消息有 ${commands.length} 行命令，一条消息最多 ${MAX_COMMAND_LINES} 行。请分几条发送。这条消息没有记录任何内容。` }
  }
  return { kind: 'many', lines: commands as string[] }
}

/**
 * The command in a line: from its first `/` that starts a word and is followed by a command word (not a
 * digit: `12/15` is a fraction), or null when the line has none.
 */
function commandOf(line: string): string | null {
  const m = /(?:^|\s)(\/[^\s\d/])/.exec(line)
  return m ? line.slice(m.index + m[0].length - m[1]!.length) : null
}
