/**
 * The words of the small corpora time.test.ts and describe.test.ts build: the synthetic corpus's
 * (synthetic.ts) and the few more describe.test.ts puts into words, declared as a corpus declares its
 * vocabulary.yaml, so that the engine is tested without the built-in corpus. Labels are the ones
 * describe.test.ts's expected sentences quote.
 */
import type { Vocabulary } from '@duixian/engine';
import { SYNTHETIC } from './synthetic.js';

const { kinds, facts, tags } = SYNTHETIC.vocabulary;

export const WORDS: Vocabulary = {
  kinds: { ...kinds, county: '县（市、区）及功能区', platform: '行业电子商务平台' },
  facts: {
    ...facts,
    physicalGoodsOnlineRetailShare: { label: '实物商品网络零售额占社零比重', unit: 'ratio', usedBy: 'tests' },
    newOnlineShops: { label: '新增网上店铺数', unit: 'count', usedBy: 'tests' },
    area: { label: '面积', unit: 'sqm', usedBy: 'tests' },
    parcelsToVillages: { label: '发往乡镇中心村快件数', unit: 'count', usedBy: 'tests' },
    promotionAbroadCost: { label: '跨境推介费用', unit: 'yuan', usedBy: 'tests', itemised: true },
    costSubsidisedElsewhere: { label: '该费用项已享受其他补贴（按费用项 item 填写，1为是）', unit: 'flag', usedBy: 'tests', itemised: true },
  },
  tags: { ...tags, independentLegalPerson: '独立法人', mcn: 'MCN机构', liveTeam: '直播团队', nationalTitle: '国家级示范称号（请作为当年事实提供）' },
};
