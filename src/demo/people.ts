import { makeIdNumber } from '../privacy/id-number'
import { COUNTY_CODE } from './places'
import type { Rng } from '../domain/prng'

/** Made-up people: common surnames (a few compound ones, so masking shows them), plain given names. */
const SURNAMES = ('王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'
  .split('')).concat(['欧阳', '司马', '诸葛', '上官'])
const GIVEN = '建国明华秀英玉兰桂芳志强文军红梅德福永平春花淑珍海燕小龙大成光荣家富金凤云霞丽娟国庆新民'

export function personName(rng: Rng): string {
  const surname = rng.chance(0.01) ? rng.pick(SURNAMES.slice(-4)) : rng.pick(SURNAMES.slice(0, -4))
  const first = rng.pick(GIVEN.split(''))
  return rng.chance(0.25) ? surname + first : surname + first + rng.pick(GIVEN.split(''))
}

const PREFIXES = ['138', '139', '136', '135', '137', '150', '151', '152', '158', '159', '182', '187', '188', '130', '131',
  '132', '155', '156', '185', '186', '133', '153', '180', '189', '177', '199']

/**
 * The n-th distinct mobile number (n < 10^8): an invertible step (× an odd number not divisible by 5,
 * mod 10^8) scatters the last 8 digits, so numbers look random, never repeat, and neither do their
 * last four digits in runs (/认证 asks for them).
 */
export function uniquePhone(n: number): string {
  const tail = (n * 48_271_397 + 10_234_567) % 100_000_000
  return PREFIXES[n % PREFIXES.length]! + String(tail).padStart(8, '0')
}

export function randomPhone(rng: Rng): string {
  return rng.pick(PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0')
}

const BIRTH_FROM = Date.UTC(1940, 0, 1)
const BIRTH_DAYS = 20_000 // 1940 … late 1994
const ID_SPACE = BIRTH_DAYS * 1000

/**
 * The n-th distinct ID number (n < 20,000,000): n is scattered over (birth day, sequence) by an invertible
 * affine map, so birth dates look random and no two households share a number.
 */
export function uniqueIdNumber(n: number, salt: number): string {
  const p = (n * 7_654_321 + salt) % ID_SPACE // 7,654,321 is coprime with 2 and 5, so the map is a bijection
  const day = p % BIRTH_DAYS
  const seq = Math.floor(p / BIRTH_DAYS)
  const birth = new Date(BIRTH_FROM + day * 86_400_000).toISOString().slice(0, 10)
  return makeIdNumber(COUNTY_CODE, birth, seq)
}
