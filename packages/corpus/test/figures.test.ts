import { describe, expect, it } from 'vitest';
import { scanFigures } from '../src/coverage.js';

const texts = (s: string): string[] => scanFigures(s).map((f) => f.text);

describe('scanFigures finds', () => {
  it.each([
    ['省财政给予每市补贴100万元;', ['100万元']],
    ['全省网络零售额达到1万亿元', ['1万亿元']],
    ['每实现1万元,省财政最高给予2元流量补贴', ['1万元', '2元']],
    ['跨境电商交易额超过1000万美元的', ['1000万美元']],
    ['给予每件包裹最高 0.20 元补贴', ['0.20 元']],
    ['突破 1000 亿元,其中', ['1000 亿元']],
    ['给予最高 50% 的补助', ['50%']],
    ['整合县域80%以上快递单量', ['80%']],
    ['新增网上店铺超过1万家的市', ['1万家']],
    ['面积达到 5000 m²、入驻企业 50 家以上', ['5000 m²', '50 家']],
    ['综合展厅达到 150 平米以上', ['150 平米']],
    ['培育电商人才 1000 名;引进培养跨境电商专业人才1万人以上', ['1000 名', '1万人']],
    ['连续缴纳6个月以上社会保险', ['6个月']],
    ['直播间数量达到 10 个以上', ['10 个']],
    ['至少建设 1 处电子商务产业园区', ['1 处']],
    ['可在5年内保持土地原用途', ['5年']],
    ['每年举办两次全市直播电商创业大赛', ['两次']],
    ['全市每年举办一次集资源对接', ['一次']],
  ])('%s', (snippet, expected) => {
    expect(texts(snippet)).toEqual(expected);
  });
});

describe('scanFigures finds ranks', () => {
  it.each([
    ['且增幅列全省前5位的市', ['前5位']],
    ['纳统网络零售额全省前三名的市', ['前三名']],
    ['"网红达人"前5名各奖励5000元', ['前5名', '5000元']],
    ['综合评定位列前2位的行业电子商务平台', ['前2位']],
  ])('%s', (snippet, expected) => {
    expect(texts(snippet)).toEqual(expected);
  });
});

describe('scanFigures does not find', () => {
  it.each([
    ['calendar year', '力争到2023年年底,全省'],
    ['calendar year with a space', '力争到 2022 年全市'],
    ['year of account', '2022年度通过公共网络交易平台'],
    ['year range', '评定(2020—2022年)综合评定'],
    ['date', '山东省人民政府\n2022年2月22日\n'],
    ['validity date', '有效期至2023年12月31日。'],
    ['文号 with 〔〕', '鲁政字〔2022〕42号'],
    ['文号 with []', '济阳政字[2021]80号'],
    ['phone number', '联系方式\n\n0531-51702706\n'],
    ['page marker', '健全工\n\n— 5 —\n\n作机制'],
    ['一次性 (once, not a count)', '由企业所在市财政给予一次性奖励'],
    ['ordinal words', '建立“一事一议”,纳入一类出口企业范围,推进 5G 创新应用,B2B2C'],
    ['platform name', '对首批入驻 1688 平台的企业'],
  ])('%s', (_label, snippet) => {
    expect(texts(snippet)).toEqual([]);
  });
});

describe('scanFigures spans', () => {
  it('gives exact offsets, and 过亿元 as an implicit threshold', () => {
    const s = '新培育实物商品网络零售额过亿元电商企业1家以上';
    const figures = scanFigures(s);
    expect(figures.map((f) => f.text)).toEqual(['过亿元', '1家']);
    for (const f of figures) expect(s.slice(f.start, f.end)).toBe(f.text);
  });

  it('reads 1000万元以上（含1000万元） as two figures', () => {
    expect(texts('达到1000万元以上（含1000万元）的')).toEqual(['1000万元', '1000万元']);
  });

  it('does not cut a number: "15 万元" is one figure, not "5 万元"', () => {
    expect(texts('一次性奖励 15 万元。')).toEqual(['15 万元']);
  });
});
