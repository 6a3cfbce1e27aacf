/**
 * The words a work team uses for progress, in one table (docs/input.md). Every entry has a test
 * (tests/domain-progress.test.ts); anything not listed here is refused, never guessed.
 *
 * Input reaches these tables NFKC-normalised and with spaces removed (see parseProgress).
 */
export const PROGRESS_WORDS = {
  /** The whole figure says the work is finished. */
  done: [
    '完成', '已完成', '完成了', '已经完成', '已经完成了', '全部完成', '已全部完成',
    '完工', '已完工', '完工了', '竣工', '已竣工', '竣工了',
    '已验收', '验收合格', '已验收合格', '通过验收', '已通过验收',
    '建成', '已建成', '建成了',
  ],
  /** The whole figure says nothing has started. */
  notStarted: ['未开工', '没开工', '还没开工', '尚未开工', '未开始', '没开始', '还没开始', '尚未开始', '未动工', '没动工'],
  /** Words before a number that add nothing to it: `完成80%`, `已完成12户`, `进度60%`, `约2公里`. */
  leading: ['已经完成了', '已经完成', '已完成了', '已完成', '完成了', '完成', '进度为', '进度', '累计完成', '累计', '大约', '约', '目前', '现已', '已'],
  /** Particles and punctuation after a figure, as voice input writes them: `80%了`, `完成了。`. */
  trailing: ['左右', '了', '啦', '呢', '吧', '啊', '。', '！', '!', '~', '～'],
} as const

/** `百分之六十`, `百分之60`: a percentage said in words. */
export const PERCENT_WORD = '百分之'
