import type { Actor } from '../identity'

/**
 * The bot's menu (开发者后台 → 机器人 → 自定义菜单, README "App setup"): each key stands for the command a
 * person would type in their direct chat with the bot. The answer is that command's, word for word.
 */
const MENU: Record<string, (me: Actor) => string> = {
  report: () => '/村 上报',
  // The sender's own place: their village, their township, else their zone (or the county's zones).
  progress: (me) => (me.villageCode ? '/村 进度' : me.role === '乡镇干部' ? '/乡 进度' : '/战区 进度'),
  tasks: () => '/任务 我的',
  overdue: () => '/逾期',
  ranking: () => '/排名',
  map: () => '/作战图',
  help: () => '/帮助',
}

/** The menu keys, in the order the README lists them. */
export const MENU_KEYS = Object.keys(MENU)

/** What a menu press means; an unknown key (a menu edited in the console before the bot) gets /帮助. */
export const menuCommand = (key: string, me: Actor): string => (Object.hasOwn(MENU, key) ? MENU[key]!(me) : '/帮助')
