/**
 * One application as everyone involved sees it: its state and amounts, the facts filled in, the
 * engine's explanation beside the article, the evidence, every step taken — and the steps the
 * signed-in account may take now. The enterprise edits and submits; a reviewer approves (less than
 * a 最高 ceiling, with a reason), returns with reasons, or rejects. Every step sends the version
 * the page shows, so a page left open while someone else acted is refused, not applied. What
 * changed since the application was queued (the server decides it again) is shown first, and an
 * approval then carries the reviewer's acknowledgement; a 金额待定 award gets its amount here from
 * its funder before the final approval.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { App, Button, Descriptions, Modal, Input, Select, Space, Table, Tag, Timeline, Typography, Upload } from 'antd';
import { api, ApiFailure, apiPath, send, showFailure, type Account } from '../api';
import { useT } from '../i18n';
import { useNames } from '../names';
import { formatMoney } from '../money';
import { Failure } from './Failure';
import { Steps } from './Calculator';
import { Changes } from './Changes';
import { acknowledging, ACTIONS, amountSettable, approvalBlocked, DEADLINES, decisionChanged, sha256Hex, STATES, type ApplicationDetail } from '../process';

interface FactKey { key: string; label: string; unit: string }
/** An attachment as the enterprise reads it: name, size and when (its checksum is for the reviewers). */
type Attachment = ApplicationDetail['attachments'][number];

export function ApplicationPanel({ id, account, ruleFacts, onChanged }: { id: string; account: Account; ruleFacts?: readonly string[]; onChanged: () => void }) {
  const t = useT();
  const [a, setA] = useState<ApplicationDetail>();
  const [error, setError] = useState<ApiFailure>();
  const [facts, setFacts] = useState<{ key: string; item?: string; value: string }[]>([]);
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  const [ack, setAck] = useState('');
  const [keys, setKeys] = useState<FactKey[]>([]);
  const [busy, setBusy] = useState(false);
  const names = useNames();
  const modal = App.useApp().modal ?? Modal; // the App's (themed, localised) when mounted inside it, as the pages are

  const load = useCallback(() => api<ApplicationDetail>('GET', `/api/applications/${id}`).then((x) => { setA(x); setFacts([...x.facts]); }, showFailure(setError)), [id]);
  useEffect(() => void load(), [load]);
  useEffect(() => void api<{ factKeys: FactKey[] }>('GET', '/api/vocabulary').then((v) => setKeys(v.factKeys), showFailure(setError)), []);

  if (!a) return error ? <Failure error={error} /> : null;
  const editable = account.role === 'enterprise' && (a.state === 'draft' || a.state === 'returned');
  const label = (k: string) => keys.find((x) => x.key === k)?.label ?? k;
  const done = async (p: Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    await p.then(async () => { setReason(''); setAmount(''); setAck(''); await load(); onChanged(); }, async (e: unknown) => {
      showFailure(setError)(e);
      if (decisionChanged(e)) await load(); // something changed since the page was opened: show it, and ask for the acknowledgement
    }).finally(() => setBusy(false));
  };
  const step = (action: string) => done(api('POST', `/api/applications/${a.id}/actions`, {
    action, version: a.version, ...(reason.trim() ? { reasons: reason.split('\n').map((x) => x.trim()).filter(Boolean) } : {}), ...(action === 'approve' && amount.trim() ? { amount: amount.trim() } : {}),
    ...(action === 'approve' ? acknowledging(a.changes, ack) : {}),
  }));
  const blocked = a.actions.includes('approve') ? approvalBlocked(a, ack) : undefined;
  // before submitting: what is being submitted, said once more (saved facts and attachments); a draft's unsaved edits are not sent
  const confirmSubmit = () => modal.confirm({
    title: t('确认提交申报', 'Submit this application?'), width: 560, okText: t('确认提交', 'Submit'), cancelText: t('返回修改', 'Back'),
    content: <Submitted a={a} label={label} clause={names.rule(a.rule)} unsaved={JSON.stringify(facts) !== JSON.stringify(a.facts)} />,
    onOk: () => step('submit'),
  });
  const upload = async (file: File) => {
    const bytes = await file.arrayBuffer();
    await done(send('POST', `/api/applications/${a.id}/attachments`, { body: bytes, type: file.type || 'application/octet-stream' }, { 'x-file-name': encodeURIComponent(file.name), 'x-content-sha256': await sha256Hex(bytes) }));
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="application">
      {error && <Failure error={error} />}
      <Descriptions size="small" bordered column={2} items={[
        { key: 's', label: t('状态', 'State'), children: <Tag color={STATES[a.state].color} data-testid="application-state">{t(STATES[a.state].zh, STATES[a.state].en)}</Tag> },
        { key: 'm', label: t('方式', 'Way'), children: a.mode === 'automatic' ? t('免申即享', 'No application needed') : t('企业申报', 'Applied for') },
        { key: 'e', label: t('企业', 'Enterprise'), children: <span data-testid="application-subject">{a.subjectName ?? a.subjectId}<Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>{a.subjectId}</Typography.Text></span> },
        { key: 'g', label: t('地区', 'Region'), children: names.region(a.region) },
        { key: 'r', label: t('条款', 'Clause'), children: names.rule(a.rule) },
        { key: 'y', label: t('年度', 'Year'), children: a.year },
        { key: 'd', label: t('测算金额', 'Decided'), children: <span data-testid="decided">{decidedText(a, t)}</span> },
        { key: 'a', label: t('核定金额', 'Approved'), children: <span data-testid="approved">{formatMoney(a.approved)}</span> },
        { key: 'c', label: t('审核层级', 'Review levels'), children: a.chain.map((l) => ({ county: t('县', 'county'), city: t('市', 'city'), province: t('省', 'province') }[l] ?? l)).join(' → ') },
        { key: 'due', label: t('审核期限', 'Review due'), children: a.reviewDue ? <Space>{a.reviewDue}{a.deadline && <Tag color={DEADLINES[a.deadline].color}>{t(DEADLINES[a.deadline].zh, DEADLINES[a.deadline].en)}</Tag>}</Space> : '—' },
      ]} />
      <Typography.Title level={5}>{t('填报数据', 'Facts filled in')}</Typography.Title>
      {editable ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          {facts.map((f, k) => (
            <Space key={k} wrap>
              <Select style={{ width: 260, maxWidth: '100%' }} aria-label={t(`第${k + 1}项指标`, `Indicator ${k + 1}`)} value={f.key} onChange={(key) => setFacts(facts.map((x, j) => (j === k ? { ...x, key } : x)))}
                options={(ruleFacts?.length ? ruleFacts : keys.map((x) => x.key)).map((key) => ({ value: key, label: label(key) }))} data-testid={`fact-key-${k}`} />
              <Input style={{ width: 180 }} aria-label={t(`第${k + 1}项数值`, `Value ${k + 1}`)} placeholder={t('数值，如 7万元 或 1', 'value, e.g. 7万元 or 1')} value={f.value} data-testid={`fact-value-${k}`}
                onChange={(e) => setFacts(facts.map((x, j) => (j === k ? { ...x, value: e.target.value } : x)))} />
              <Button onClick={() => setFacts(facts.filter((_, j) => j !== k))}>{t('删除', 'Remove')}</Button>
            </Space>
          ))}
          <Space wrap>
            <Button onClick={() => setFacts([...facts, { key: ruleFacts?.[0] ?? 'onlineRetail', value: '' }])} data-testid="add-fact">{t('添加一项', 'Add a fact')}</Button>
            <Button loading={busy} onClick={() => void done(api('POST', `/api/applications/${a.id}/facts`, { version: a.version, facts }))} data-testid="save-facts">{t('保存草稿', 'Save draft')}</Button>
            <Upload showUploadList={false} accept=".pdf,.png,.jpg,.jpeg,.xlsx" beforeUpload={(file) => { void upload(file); return false; }}>
              <Button data-testid="attach">{t('上传证明材料（PDF/图片/Excel，≤10MB）', 'Attach evidence (PDF/image/Excel, ≤10 MB)')}</Button>
            </Upload>
          </Space>
        </Space>
      ) : a.facts.length === 0 ? (
        <Typography.Paragraph data-testid="no-facts">{t('无（按统计数据认定）', 'None (decided from the statistics)')}</Typography.Paragraph>
      ) : (
        <Table size="small" rowKey={(f) => `${f.key}|${f.item ?? ''}`} pagination={false} dataSource={[...a.facts]}
          columns={[{ title: t('指标', 'Fact'), dataIndex: 'key', render: (k: string) => label(k) }, { title: t('项目', 'Item'), dataIndex: 'item' }, { title: t('数值', 'Value'), dataIndex: 'value' }]} />
      )}
      {(a.used?.length ?? 0) > 0 && (
        <>
          <Typography.Title level={5}>{t('测算所用数据', 'The data it was decided on')}</Typography.Title>
          <Table size="small" rowKey={(f) => `${f.key}|${f.year}|${f.item ?? ''}`} pagination={false} dataSource={[...(a.used ?? [])]} data-testid="used-facts" columns={[
            { title: t('指标', 'Indicator'), dataIndex: 'key', render: (k: string, f) => `${names.fact(k)}${f.item ? `（${f.item}）` : ''}` },
            { title: t('年度', 'Year'), dataIndex: 'year' },
            { title: t('数值', 'Value'), dataIndex: 'value' },
            { title: t('来源', 'Source'), dataIndex: 'source', render: (v: string | null) => v ?? '—' },
          ]} />
        </>
      )}
      {a.attachments.length > 0 && (
        <Table<Attachment> size="small" rowKey="id" pagination={false} dataSource={[...a.attachments]} data-testid="attachments" columns={[
          { title: t('证明材料', 'Evidence'), dataIndex: 'name', render: (n: string, f) => <a href={apiPath(`/api/applications/${a.id}/attachments/${f.id}`)}>{n}</a> },
          { title: t('大小', 'Size'), dataIndex: 'size', render: sizeText },
          // the enterprise reads when it uploaded a file; a reviewer checks the file against its checksum
          account.role === 'enterprise'
            ? { title: t('上传时间', 'Uploaded'), dataIndex: 'at', render: (v: string | undefined) => (v ? new Date(v).toLocaleString() : '—') }
            : { title: 'SHA-256', dataIndex: 'sha256', render: (v: string) => <code>{v.slice(0, 16)}…</code> },
        ]} />
      )}
      {a.explanation?.steps && (
        <>
          <Typography.Title level={5}>{t('测算依据', 'Why this amount')}</Typography.Title>
          {a.explanation.text && <Typography.Paragraph type="secondary">{a.explanation.text}</Typography.Paragraph>}
          <Steps steps={a.explanation.steps} />
        </>
      )}
      {/* keyed by version: once the amount is set the form starts afresh; a refusal keeps what was typed */}
      {amountSettable(a, account) && <AmountForm key={a.version} a={a} busy={busy} onSet={(body) => done(api('POST', `/api/applications/${a.id}/amount`, { version: a.version, ...body }))} />}
      {a.changes.length > 0 && <Changes changes={a.changes} {...(a.actions.includes('approve') ? { reason: ack, onReason: setAck } : {})} />}
      {a.actions.length > 0 && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {a.actions.some((x) => ['approve', 'return', 'reject'].includes(x)) && (
            <>
              <label htmlFor={`reasons-${a.id}`}>{t('审核意见', 'Reasons')}</label>
              <Input.TextArea id={`reasons-${a.id}`} rows={2} placeholder={t('审核意见（退回、不予支持、核减时必填；每行一条）', 'Reasons (needed to return, reject or approve less; one per line)')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="reasons" />
              {a.ceiling && a.actions.includes('approve') && <Input style={{ width: 260 }} aria-label={t('核定金额', 'Amount approved')} placeholder={t(`核定金额（最高 ${a.decided} 元）`, `Amount (at most ${a.decided})`)} value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="approve-amount" />}
            </>
          )}
          <Space wrap>
            {a.actions.filter((x) => x !== 'save').map((x) => (
              <Button key={x} loading={busy} disabled={x === 'approve' && blocked !== undefined} type={x === 'approve' || x === 'submit' ? 'primary' : 'default'} danger={x === 'reject'} onClick={() => void (x === 'submit' ? confirmSubmit() : step(x))} data-testid={`action-${x}`}>{t(ACTIONS[x]?.zh ?? x, ACTIONS[x]?.en ?? x)}</Button>
            ))}
            {blocked && <Typography.Text type="warning" data-testid="approve-blocked">{t(blocked.zh, blocked.en)}</Typography.Text>}
          </Space>
        </Space>
      )}
      <Typography.Title level={5}>{t('办理过程', 'Steps taken')}</Typography.Title>
      <Timeline items={a.events.map((e) => ({
        color: e.to === 'rejected' ? 'red' : e.to === 'returned' ? 'orange' : 'blue',
        children: <span>{new Date(e.at).toLocaleString()} · {e.by}{e.level ? `（${e.level}）` : ''} · {t(ACTIONS[e.action]?.zh ?? e.action, ACTIONS[e.action]?.en ?? e.action)} → {t(STATES[e.to as keyof typeof STATES]?.zh ?? e.to, STATES[e.to as keyof typeof STATES]?.en ?? e.to)}{e.amount ? ` · ${e.amount} 元` : ''}{e.reasons.length ? ` · ${e.reasons.join('；')}` : ''}</span>,
      }))} />
    </Space>
  );
}

/** A file's size as people read it: 12 B, 3.4 KB, 1.2 MB. */
const sizeText = (bytes: number): string => (bytes < 1024 ? `${bytes} B` : bytes < 2 ** 20 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 2 ** 20).toFixed(1)} MB`);

/** What a submission sends: the clause and year, the facts as saved, the files attached; then the review it goes to. */
function Submitted({ a, label, clause, unsaved }: { a: ApplicationDetail; label: (key: string) => string; clause: string; unsaved: boolean }) {
  const t = useT();
  return (
    <div data-testid="submit-summary">
      <p>{clause}（{a.year}{t('年度', '')}）</p>
      <Typography.Text strong>{t('填报数据', 'Data')}</Typography.Text>
      <ul>{a.facts.length ? a.facts.map((f) => <li key={`${f.key}|${f.item ?? ''}`}>{label(f.key)}{f.item ? `（${f.item}）` : ''}：{f.value}</li>) : <li>{t('未填报数据', 'None')}</li>}</ul>
      <Typography.Text strong>{t('证明材料', 'Papers')}</Typography.Text>
      <ul>{a.attachments.length ? a.attachments.map((f) => <li key={f.id}>{f.name}（{sizeText(f.size)}）</li>) : <li>{t('未上传证明材料', 'None attached')}</li>}</ul>
      {unsaved && <Typography.Text type="warning">{t('有未保存的修改：提交的是已保存的数据，请先“保存草稿”。', 'There are unsaved changes: what was saved is submitted; save the draft first.')}</Typography.Text>}
      <p>{t('提交后进入审核，审核期间不能修改。', 'Once submitted it goes to review and cannot be changed meanwhile.')}</p>
    </div>
  );
}

/** The amount as decided: 金额待定 until the funder sets it, then marked as the funder's. */
function decidedText(a: ApplicationDetail, t: (zh: string, en: string) => string): string {
  if (a.decided === null) return a.amountPending ? t('金额待定', 'Amount pending') : '—';
  if (a.amountPending) return `${formatMoney(a.decided)}${t('（资金承担方设定）', ' (set by the funder)')}`;
  return `${formatMoney(a.decided)}${a.ceiling ? t('（最高）', ' (ceiling)') : ''}`;
}

/** 金额待定: the funder's level (or the province) sets the amount, with a reason; the server checks who and how much. */
function AmountForm({ a, busy, onSet }: { a: ApplicationDetail; busy: boolean; onSet: (body: { amount: string; reason: string }) => Promise<void> }) {
  const t = useT();
  const id = useId();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5}>{a.decided === null ? t('设定金额（金额待定）', 'Set the amount (pending)') : t('调整设定金额', 'Change the amount set')}</Typography.Title>
      <Input style={{ width: 260 }} placeholder={t('金额，如 5万元', 'Amount, e.g. 5万元')} value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="set-amount-value" />
      <label htmlFor={id}>{t('设定理由', 'Reason')}</label>
      <Input.TextArea id={id} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="set-amount-reason"
        placeholder={t('依据的标准或集体研究意见', 'The standard applied, or the collective decision')} />
      <Button loading={busy} disabled={!amount.trim() || !reason.trim()} data-testid="set-amount" onClick={() => void onSet({ amount: amount.trim(), reason: reason.trim() })}>{t('设定金额', 'Set the amount')}</Button>
    </Space>
  );
}
