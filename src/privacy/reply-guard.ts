import { maskIdNumber } from './mask'

/**
 * The last check on every reply to a chat message, whatever the command echoed back of what was typed:
 * - Lark turns `<at user_id="all"></at>` in a text message (and `<at id=all>` in card markdown) into a
 *   real @-mention, so echoed input could page a whole zone chat. The bot's replies mention no one, so
 *   every `<at` is defused (full-width ＜, which reads the same).
 * - In a group chat a run of 15 or more digits (an ID number, also inside a longer run, also with a
 *   final X) is shown masked, even when the sender typed it themselves: the group did not need to see it.
 */
export function guardReply(content: string, chatType: 'group' | 'p2p'): string {
  let out = content.replace(/<(\/?)at\b/gi, '＜$1at')
  if (chatType === 'group') out = out.replace(/\d{15,}[Xx]?/g, (run) => maskIdNumber(run))
  return out
}
