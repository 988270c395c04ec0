/**
 * 政策库: the documents, their articles and rules, the rules by id, the vocabulary of the data, the
 * readings (interpretations) — public. A document's and a rule's own definition carries more than is
 * named here (the corpus's schemas say it all): those objects pass through whole.
 */
import { Type, type Static } from '@sinclair/typebox';
import { List, Nullable, StringEnum } from './common.js';

const open = { additionalProperties: true } as const;

export const PolicyDocument = Type.Object({
  id: Type.String({ examples: ['sd-2022-42'] }), number: Type.String({ description: '文号', examples: ['鲁政字〔2022〕42号'] }),
  title: Type.String(), issuer: Type.String({ description: '发文机关辖区代码 the issuer\'s region' }), issuerName: Type.String(),
  validFrom: Type.String({ description: '生效日期 YYYY-MM-DD' }), validTo: Type.Optional(Type.String({ description: '失效日期 YYYY-MM-DD' })),
  funder: Type.String({ description: '出资方 the region whose finance pays' }), funderName: Type.String(),
}, { ...open, description: '政策文件 A document of the corpus (its definition passes through whole)' });
export type PolicyDocument = Static<typeof PolicyDocument>;

export const Documents = Type.Object({
  version: Type.String({ description: '政策库版本 the corpus version' }),
  items: List(Type.Composite([PolicyDocument, Type.Object({ rules: Type.Integer({ description: '规则数 rules it defines' }) })], open)),
}, { description: '政策库的文件 The documents of the corpus' });
export type Documents = Static<typeof Documents>;

export const ApplicationMode = StringEnum(['application', 'automatic'] as const, { description: '申报或免申即享 applied for, or 免申即享' });

export const RuleName = Type.Object({
  id: Type.String(), document: Type.String(), number: Type.String({ description: '文号' }), article: Type.String(), title: Type.String(), mode: ApplicationMode,
});
export type RuleName = Static<typeof RuleName>;
export const RuleNames = Type.Object({ items: List(RuleName) }, { description: '每条规则的文号、条款与标题 Every rule with its document\'s 文号, its article and title' });
export type RuleNames = Static<typeof RuleNames>;

export const DocumentParams = Type.Object({ id: Type.String({ description: '文件编号 the document id' }) });

export const Sentence = Type.Object({ label: Type.String({ description: '条件、金额、上限… what it says' }), text: Type.String() });
export const DocumentRule = Type.Object({
  id: Type.String(), document: Type.String(), article: Type.String(), title: Type.String(),
  text: Type.String({ description: '条款原文 the article\'s words' }),
  cites: List(Type.String(), { description: '规则引用的原文短语 the article\'s phrases the rule rests on' }),
  mode: ApplicationMode,
  facts: List(Type.String(), { description: '所需数据 the facts it reads' }),
  sentences: List(Sentence, { description: '规则的中文表述 the rule in Chinese sentences' }),
}, { ...open, description: '规则（定义全文随附） A rule, its definition whole' });
export type DocumentRule = Static<typeof DocumentRule>;

export const Measure = Type.Object({
  document: Type.String(), article: Type.String(), anchor: Type.String(), title: Type.String(), heading: Type.String(),
  lead: List(Type.String(), { description: '牵头单位' }), responsible: List(Type.String(), { description: '责任单位' }), rules: List(Type.String()),
}, { ...open, description: '条款（措施） An article of the document' });
export type Measure = Static<typeof Measure>;

export const Target = Type.Object({
  id: Type.String(), document: Type.String(), article: Type.String(), description: Type.String(), year: Type.Integer(),
  legal: Type.String({ description: '比较用语：达到、突破… the comparison word' }), value: Type.String(), unit: Type.String(),
}, { ...open, description: '目标 A target the document sets' });
export type Target = Static<typeof Target>;

export const DocumentDetail = Type.Object({
  document: PolicyDocument,
  text: Type.String({ description: '文件全文 the document verbatim' }),
  measures: List(Measure), rules: List(DocumentRule),
  groups: List(Type.Object({ document: Type.String() }, open), { description: '互斥组 exclusive groups' }),
  targets: List(Target),
}, { description: '一个文件：条款、规则、目标 One document with its articles, rules and targets' });
export type DocumentDetail = Static<typeof DocumentDetail>;

export const TEMPLATE_FILES = ['duixian-template.xlsx', 'duixian-template.subjects.csv', 'duixian-template.facts.csv'] as const;
export const TemplateParams = Type.Object({ file: StringEnum(TEMPLATE_FILES, { description: '模板文件 the template' }) });

export const Vocabulary = Type.Object({
  factKeys: List(Type.Object({ key: Type.String(), label: Type.String(), unit: Type.String() }), { description: '数据指标 fact keys with label and unit' }),
  tags: List(Type.Object({ tag: Type.String(), label: Type.String() })), kinds: List(Type.Object({ kind: Type.String(), label: Type.String() })),
  parameters: List(Type.Object({ key: Type.String(), label: Type.String(), unit: Type.String() }), { description: '规则可设参数 the figures a rule may be given' }),
  regions: List(Type.Object({ code: Type.String(), name: Type.String(), level: Type.String(), parent: Nullable(Type.String()) }), { description: '山东省行政区划 Shandong\'s regions' }),
}, { description: '数据用语 What data can say' });
export type Vocabulary = Static<typeof Vocabulary>;

export const Reading = Type.Object({
  id: Type.String({ examples: ['I-pool'] }), question: Type.String({ description: '问题 what it decides' }),
  default: Type.String({ description: '默认口径 the default' }), values: List(Type.String()),
  meanings: Type.Optional(List(Type.String(), { description: '各口径的含义 what each value means' })),
  documents: Type.Optional(List(Type.String(), { description: '适用文件 the documents it is declared for' })),
});
export type Reading = Static<typeof Reading>;
export const Readings = Type.Object({ items: List(Reading) }, { description: '政策库声明的每个口径 Every reading the corpus declares' });
export type Readings = Static<typeof Readings>;
