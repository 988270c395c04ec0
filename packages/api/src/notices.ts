/**
 * 公示: a notice of approved awards for N working days, its entries and the objections received;
 * and the same notice as the public reads it (who gets what under which clause, where to object —
 * no review, no ids of ours).
 */
import { Type, type Static } from '@sinclair/typebox';
import { RecordId } from './applications.js';
import { List, Nullable, StringEnum } from './common.js';
import { Page, PageProperties } from './paging.js';

export const NOTICE_STATES = ['running', 'final'] as const;
export const OBJECTION_STATES = ['open', 'upheld', 'dismissed'] as const;

export const NoticeParams = Type.Object({ id: RecordId('公示编号 the notice') });
export const ObjectionParams = Type.Object({ id: RecordId('异议编号 the objection') });

/** One award as every reader of the notice sees it. */
export const PublishedEntry = Type.Object({
  subjectName: Type.String({ description: '企业名称 the enterprise' }),
  uscc: Nullable(Type.String({ description: '统一社会信用代码 USCC' })),
  clause: Type.String({ description: '依据条款：文号 条 标题 the clause, e.g. 济政字〔2022〕54号 第二条 …' }),
  amount: Nullable(Type.String({ description: '金额（元），荣誉类为空 yuan; null for an honour', examples: ['100000.00'] })),
});
export type PublishedEntry = Static<typeof PublishedEntry>;

export const NoticeEntry = Type.Composite([PublishedEntry, Type.Object({
  applicationId: Type.String({ description: '申报编号 the application' }),
  rule: Type.String({ description: '条款编号 the rule' }),
  listed: Type.Boolean({ description: '仍在名单上（异议成立则否） still listed: false once an upheld objection took it off' }),
})]);
export type NoticeEntry = Static<typeof NoticeEntry>;

export const Objection = Type.Object({
  id: Type.String(),
  applicationId: Type.String({ description: '所异议的申报 the application objected to' }),
  text: Type.String({ description: '异议内容 what was said' }),
  fromWhom: Type.String({ description: '异议人（可匿名） from whom (may be 匿名)' }),
  status: StringEnum(OBJECTION_STATES, { description: '状态 open, upheld or dismissed' }),
  resolution: Nullable(Type.String({ description: '处理意见 the resolution' })),
}, { description: '异议 An objection' });
export type Objection = Static<typeof Objection>;

/** What the staff's view and the public's share: the period and where to object. */
const Period = {
  id: Type.String(),
  title: Type.String(),
  published: Type.String({ description: '公示开始日期 the first day, YYYY-MM-DD' }),
  days: Type.Integer({ description: '公示工作日数 working days' }),
  ends: Type.String({ description: '公示截止日期 the last day, YYYY-MM-DD' }),
  state: StringEnum(NOTICE_STATES, { description: 'running（公示中）or final（已确定）' }),
  office: Nullable(Type.String({ description: '受理异议的机构 the office receiving objections' })),
  phone: Nullable(Type.String({ description: '联系电话 telephone' })),
  address: Nullable(Type.String({ description: '地址 address' })),
};

export const Notice = Type.Object({
  ...Period,
  scope: Type.String({ description: '发布地区代码 the publishing region' }),
  applicationIds: List(Type.String()),
  entries: List(NoticeEntry),
  objections: List(Objection),
}, { description: '公示 A notice: its entries, period and objections (an enterprise: as published, without objections)' });
export type Notice = Static<typeof Notice>;

export const NoticeList = Type.Object({ items: List(Notice) }, { description: '公示 Notices' });
export type NoticeList = Static<typeof NoticeList>;

export const NewNotice = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200, description: '标题 title' }),
  applications: Type.Array(Type.String({ pattern: '^[0-9]{1,18}$' }), { minItems: 1, maxItems: 5000, description: '已审定的申报 the approved applications' }),
  published: Type.Optional(Type.String({ format: 'date', description: '公示开始日期（默认今日） the first day (today when absent)' })),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 30, description: '工作日数（不少于设定的最少天数，默认 5） working days (at least the configured minimum, default 5)' })),
  // required, but checked by the store: a missing one is told in words (请填写联系电话), not as a schema path
  office: Type.Optional(Type.String({ maxLength: 200, description: '受理异议的机构（必填） the office receiving objections (required)' })),
  phone: Type.Optional(Type.String({ maxLength: 40, description: '联系电话（必填） telephone (required)' })),
  address: Type.Optional(Type.String({ maxLength: 200, description: '地址（必填） address (required)' })),
}, {
  additionalProperties: false,
  examples: [{ title: '2024年度电商奖补拟兑现名单公示', applications: ['12', '15'], days: 5, office: '济宁市商务局', phone: '0537-2345678', address: '济宁市任城区太白楼中路1号' }],
});
export type NewNotice = Static<typeof NewNotice>;

export const NewObjection = Type.Object({
  application: Type.String({ description: '所异议的申报 the application objected to' }),
  text: Type.String({ minLength: 1, maxLength: 2000, description: '异议内容 what was said' }),
  fromWhom: Type.Optional(Type.String({ maxLength: 200, description: '异议人（默认 匿名） from whom (匿名 when absent)' })),
}, { additionalProperties: false, examples: [{ application: '12', text: '该企业年度网络零售额不实', fromWhom: '张先生' }] });
export type NewObjection = Static<typeof NewObjection>;

export const ObjectionResolution = Type.Object({
  upheld: Type.Boolean({ description: '异议成立：该条目撤出名单 upheld takes the entry off the list' }),
  resolution: Type.String({ minLength: 1, maxLength: 2000, description: '处理意见 the resolution' }),
}, { additionalProperties: false, examples: [{ upheld: false, resolution: '经核实，数据无误' }] });
export type ObjectionResolution = Static<typeof ObjectionResolution>;

export const PublicNotice = Type.Object({
  ...Period,
  publisher: Type.String({ description: '发布机关所在地区 the publisher, by name: 济宁市' }),
  entries: List(PublishedEntry),
}, { description: '公示（公众所见） A notice as the public reads it' });
export type PublicNotice = Static<typeof PublicNotice>;

export const PublicNoticeQuery = Type.Object({
  page: Type.Optional(PageProperties.page),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 10, description: '每页条数（最多 20） notices per page (at most 20)' })),
}, { additionalProperties: false });
export type PublicNoticeQuery = Static<typeof PublicNoticeQuery>;

export const PublicNoticePage = Page(PublicNotice, '公示一页（最新在前） A page of notices, newest first');
