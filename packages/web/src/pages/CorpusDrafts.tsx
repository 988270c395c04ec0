/**
 * 政策库 版本 (issue 15, the province administrator only): upload a document folder as a .zip; the
 * server checks it (its files against the schema, its figures and words against the text, its
 * own cases) with the corpus in force and lists every problem as file:line field: message; a clean
 * folder is kept as a draft and shown with what it would cost on the year's data, per document
 * (现行 / 草案 / 差额, in 元); the draft is published with an effective date and a reason.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Space, Table, Tag, Typography, Upload } from 'antd';
import { api, ApiFailure, sendAsJob, showFailure, type JobProgress } from '../api';
import { useT } from '../i18n';
import { yuanTotal } from '../money';
import type { Phase } from '../progress';
import { Failure } from './Failure';
import { Working } from './Working';

import type { CorpusVersion as Version, DocumentCost, Draft } from '@duixian/api';
export type { Draft };

const PHASES: readonly Phase[] = [
  { phase: 'read', zh: '读取压缩包', en: 'Reading the .zip', from: 0, to: 10 },
  { phase: 'check', zh: '校验格式、原文数字与用语、文件自带案例', en: 'Checking the files, figures, words and cases', from: 10, to: 60 },
  { phase: 'simulate', zh: '按当年数据测算草案与现行政策', en: 'Simulating the draft and the corpus in force on the year\'s data', from: 60, to: 100 },
];

const STATES: Record<Version['state'], [string, string, string]> = {
  'built-in': ['内置', 'built-in', 'default'], draft: ['草案', 'draft', 'orange'], published: ['已发布', 'published', 'green'],
};

/** 元 with grouping, exact ("200,000.00"). */
const yuan = (s: string) => yuanTotal([s]);

export function CorpusDrafts() {
  const t = useT();
  const [draft, setDraft] = useState<Draft>();
  const [error, setError] = useState<ApiFailure>();
  const [busy, setBusy] = useState<number>();
  const [progress, setProgress] = useState<JobProgress>();
  const [versions, setVersions] = useState<{ inForce: string; items: Version[] }>();
  const refresh = () => void api<{ inForce: string; items: Version[] }>('GET', '/api/corpus/versions').then(setVersions, showFailure(setError));
  useEffect(refresh, []);

  const upload = async (file: File) => {
    setError(undefined);
    setDraft(undefined);
    setBusy(Date.now());
    setProgress(undefined);
    await sendAsJob<Draft>('POST', '/api/corpus/drafts', { body: file, type: 'application/zip' }, setProgress)
      .then((d) => { setDraft(d); refresh(); }, showFailure(setError))
      .finally(() => setBusy(undefined));
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('上传政策文件（草案）', 'Upload a document (draft)')}>
        <Upload.Dragger accept=".zip" showUploadList={false} data-testid="corpus-dropzone" beforeUpload={(f) => { void upload(f); return false; }}>
          <p>{t('把文件目录的 .zip（目录名即文件编号，内含 document.yaml、rules.yaml、text.txt、cases/ 等）拖到这里，或点击选择',
            'Drop the document folder as a .zip (the folder named for the document id, holding document.yaml, rules.yaml, text.txt, cases/ …) here, or click to choose')}</p>
        </Upload.Dragger>
        {busy !== undefined && <Working since={busy} progress={progress} phases={PHASES} testId="corpus-progress" />}
        <div style={{ marginTop: 12 }}>{error && <Failure error={error} />}</div>
        {draft && <DraftView draft={draft} onPublished={refresh} />}
      </Card>
      <Card size="small" title={t('政策库版本', 'Corpus versions')}>
        <Table<Version> rowKey="hash" size="small" data-testid="corpus-versions" loading={!versions && !error} dataSource={versions?.items ?? []} pagination={{ pageSize: 10 }} columns={[
          { title: t('版本', 'Version'), dataIndex: 'hash', width: 130, render: (h: string) => <code title={h}>{h.slice(0, 12)}</code> },
          { title: t('状态', 'State'), dataIndex: 'state', width: 150, render: (s: Version['state'], v) => <>
            <Tag color={STATES[s][2]}>{t(STATES[s][0], STATES[s][1])}</Tag>{v.hash === versions?.inForce && <Tag color="blue">{t('现行', 'in force')}</Tag>}
          </> },
          { title: t('生效日期', 'Effective'), dataIndex: 'effective', width: 110, render: (d: string | null) => d ?? '—' },
          { title: t('保存人', 'Stored by'), dataIndex: 'storedBy', width: 110 },
          { title: t('发布人与理由', 'Published by, why'), render: (_, v) => (v.publishedBy ? `${v.publishedBy}：${v.reason ?? ''}` : '—') },
        ]} />
      </Card>
    </Space>
  );
}

/** A kept draft: what it is, what it would cost, and its publication. */
export function DraftView({ draft, onPublished }: { draft: Draft; onPublished?: () => void }) {
  const t = useT();
  const sim = draft.simulation;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="corpus-draft">
      <Alert type="success" showIcon message={t(
        `校验通过，已保存为草案 ${draft.version.hash.slice(0, 12)}：${draft.documents.join('、')}${draft.replaced.length ? `（替换现行 ${draft.replaced.join('、')}）` : '（新文件）'}${draft.kept ? '' : '；此版本此前已保存'}`,
        `Checked and kept as draft ${draft.version.hash.slice(0, 12)}: ${draft.documents.join(', ')}${draft.replaced.length ? ` (replacing ${draft.replaced.join(', ')})` : ' (new)'}${draft.kept ? '' : '; this version was kept before'}`,
      )} />
      {sim ? (
        <Table<DocumentCost> rowKey="document" size="small" pagination={false} data-testid="corpus-cost" dataSource={sim.documents}
          title={() => t(`${sim.year} 年度数据测算（元）`, `Cost on ${sim.year}'s data (yuan)`)}
          columns={[
            { title: t('文件', 'Document'), dataIndex: 'title' },
            { title: t('现行', 'In force'), dataIndex: 'current', align: 'right', render: yuan },
            { title: t('草案', 'Draft'), dataIndex: 'draft', align: 'right', render: yuan },
            { title: t('差额', 'Difference'), dataIndex: 'delta', align: 'right', render: (d: string) => <Typography.Text type={d.startsWith('-') ? 'danger' : d === '0.00' ? undefined : 'success'}>{yuan(d)}</Typography.Text> },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('合计', 'Total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{yuan(sim.total.before)}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">{yuan(sim.total.after)}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{yuan(sim.total.delta)}</Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      ) : <Alert type="info" message={t('数据库中尚无数据，无法测算成本', 'No data stored yet: no cost to show')} />}
      {draft.version.state === 'draft' && <Publish hash={draft.version.hash} onPublished={onPublished} />}
    </Space>
  );
}

function Publish({ hash, onPublished }: { hash: string; onPublished?: () => void }) {
  const t = useT();
  const [effective, setEffective] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<Version>();
  const [error, setError] = useState<ApiFailure>();
  const [busy, setBusy] = useState(false);
  const publish = async () => {
    setError(undefined);
    setBusy(true);
    await api<{ version: Version }>('POST', `/api/corpus/drafts/${hash}/publish`, { effective, reason })
      .then((r) => { setDone(r.version); onPublished?.(); }, showFailure(setError)).finally(() => setBusy(false));
  };
  if (done) return <Alert type="success" showIcon data-testid="corpus-published" message={t(`已发布，自 ${done.effective} 起测算使用此版本`, `Published: runs use this version from ${done.effective}`)} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {error && <Failure error={error} />}
      <Space.Compact style={{ width: '100%' }}>
        <Input type="date" style={{ width: 170 }} aria-label={t('生效日期', 'Effective date')} value={effective} onChange={(e) => setEffective(e.target.value)} />
        <Input placeholder={t('发布理由（记入审计日志），如：市政府新文件印发', 'Why (recorded in the audit log)')} aria-label={t('发布理由', 'Reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
        <Button type="primary" disabled={!effective || reason.trim().length < 2} loading={busy} onClick={() => void publish()} data-testid="corpus-publish">{t('发布', 'Publish')}</Button>
      </Space.Compact>
    </Space>
  );
}
