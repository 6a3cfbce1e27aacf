/**
 * Places for demo data. Township names and codes are the public 2018 list for 南江县 (511922); village names
 * are real for 团结乡 and 红四乡 and made up elsewhere. Zone membership is invented (it is not public).
 */
export const COUNTY_CODE = '511922'

const TOWNS = '100南江 101沙河 102乐坝 103长赤 104正直 105大河 106光雾山 107东榆 108下两 109赶场 110杨坝 111天池 ' +
  '112关坝 113红光 114元潭 115赤溪 116八庙 117双流 118坪河 119桥亭 120和平 121侯家 122仁和 123高塔 124凤仪 125兴马 126关门'
const XIANG = '201燕山 204团结 206傅家 207红四 210双桂 212朱公 213黑潭 217高桥 218平岗 220石滩 223北极 224关路 225关田 ' +
  '226红岩 228贵民 229沙坝 230柳湾 231汇滩 232上两 234寨坡 236流坝'

export interface DemoTownship { code: string; name: string; kind: '镇' | '乡' }

const parse = (list: string, kind: '镇' | '乡'): DemoTownship[] => list.split(' ').map((s) => ({
  code: `${COUNTY_CODE}${s.slice(0, 3)}`, name: `${s.slice(3)}${kind}`, kind,
}))

/** All 48 townships of 2018: 27 镇 + 21 乡. */
export const TOWNSHIPS: readonly DemoTownship[] = [...parse(TOWNS, '镇'), ...parse(XIANG, '乡')]

/** Real village names (without 村). */
export const REAL_VILLAGES: Readonly<Record<string, readonly string[]>> = {
  团结乡: ['周山', '亭子', '谷仓', '回龙', '安山', '筒车', '红岩洞', '梭坡', '罗沟', '井田'],
  红四乡: ['惠民', '三清', '石岩', '石梁', '永福', '王龙', '斜岩', '刘家', '沈坡'],
}

/** The demo scale's townships: a handful of real ones, the two with real village names among them. */
export const DEMO_TOWNSHIP_NAMES = ['南江镇', '沙河镇', '长赤镇', '光雾山镇', '团结乡', '红四乡'] as const

// Made-up village names: first × second syllable gives 24 × 16 = 384 distinct names per township.
const FIRST = '青石白黄龙凤柏桃杨新和兴长高金银太永双光清平安梨'
const SECOND = '山坪坝岭湾河沟垭梁台岩林溪坡庙桥'

export function madeUpVillageNames(): string[] {
  const out: string[] = []
  for (const a of FIRST) for (const b of SECOND) out.push(a + b)
  return out
}

export const ZONE_NAMES = ['第一战区', '第二战区', '第三战区', '第四战区', '第五战区'] as const
