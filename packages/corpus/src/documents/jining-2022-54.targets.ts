import type { Target } from '../types.js';

// 济政字〔2022〕54号 sets no quantified target: 九 only says 积极争创全国快递电商协同示范区 and
// 争取形成一级分拨中心 (aims without a figure). Kept as an empty list so every document has a file.
export const JINING_2022_54_TARGETS: readonly Target[] = [];
