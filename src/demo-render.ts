import { plainText } from './lark/cards/kit'

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], yellow: [33, 39], green: [32, 39], cyan: [36, 39] } as const

export function style(s: string, kind: keyof typeof CODES, tty: boolean) {
  return tty ? `\x1b[${CODES[kind][0]}m${s}\x1b[${CODES[kind][1]}m` : s
}

/** An outbox message as the terminal shows it: text as is; a card as its plain text, in colour on a TTY. */
export function renderForTerminal(msgType: string, content: string, tty: boolean): string {
  if (msgType === 'text') return `${style('战区助手:', 'cyan', tty)} ${JSON.parse(content).text}`
  if (msgType !== 'interactive') return `${style('战区助手:', 'cyan', tty)} [文件]`
  const [title = '', ...lines] = plainText(JSON.parse(content)).split('\n')
  const body = lines.map((l) => {
    if (!tty) return `  ${l}`
    const colored = l.replace(/▓+/g, (m) => style(m, 'green', tty))
    return `  ${/逾期|🔴|❌/.test(l) ? style(colored, 'red', tty) : /🟡/.test(l) ? style(colored, 'yellow', tty) : colored}`
  })
  return [`${style('战区助手:', 'cyan', tty)} ${style(`【${title}】`, 'bold', tty)}`, ...body].join('\n')
}
