/**
 * 数据: import by dropping a file — checked first (every problem by sheet, row and column, nothing
 * written), then committed with a reason; the templates; the import log; the subjects of one's
 * jurisdiction with their facts, tags' history and every revision (who, when, old → new, why).
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Drawer, Input, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { allPages, api, ApiFailure, isAdmin, sendAsJob, showFailure, type Account, type JobProgress, type Page } from '../api';
import { useT } from '../i18n';
import { requestOf, uploadOf, type Upload as Dropped } from '../upload';
import { Failure, leftInEnglish, useProblemText } from './Failure';
import { Working } from './Working';
import { IMPORT_PHASES } from '../progress';
import { by, code, integer, num, sortParam, text } from '../table';
import { useNames } from '../names';
import { factValue } from '../words';
import { useLang } from '../i18n';

import type { DryRun as Checked, Fact, FactRevision as Revision, Imported, ImportRecord as ImportRow, Subject as SubjectRow, SubjectDetail as Detail, TagSpan } from '@duixian/api';

/** one part's counts in the import log: added, changed (or revised) and unchanged */
type Added = ImportRow['counts'][string];

export function Data({ account }: { account: Account }) {
  const [imports, setImports] = useState(0); // imports committed here: the subjects and the log reload after each
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {isAdmin(account) && <ImportCard onImported={() => setImports((n) => n + 1)} />}
      <Subjects key={imports} />
      <ImportLog key={imports} />
    </Space>
  );
}

function ImportCard({ onImported }: { onImported: () => void }) {
  const t = useT();
  const lang = useLang();
  const problem = useProblemText();
  const [files, setFiles] = useState<File[]>([]);
  const [upload, setUpload] = useState<Dropped>();
  const [checked, setChecked] = useState<Checked>();
  const [done, setDone] = useState<Imported>();
  const [error, setError] = useState<ApiFailure | [string, string]>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<number>(); // when the request under way started
  const [progress, setProgress] = useState<JobProgress>();

  const check = async (chosen: File[]) => {
    setFiles(chosen);
    setChecked(undefined);
    setDone(undefined);
    setError(undefined);
    const u = await uploadOf(chosen);
    if ('error' in u) return setError(u.error);
    setUpload(u);
    setBusy(Date.now());
    setProgress(undefined);
    await sendAsJob<Checked>('POST', '/api/imports?dryRun=true', requestOf(u), setProgress).then(setChecked, showFailure(setError)).finally(() => setBusy(undefined));
  };
  const commit = async () => {
    if (!upload) return;
    setBusy(Date.now());
    setProgress(undefined);
    await sendAsJob<Imported>('POST', `/api/imports?name=${encodeURIComponent(upload.name)}&reason=${encodeURIComponent(reason)}`, requestOf(upload), setProgress)
      .then((r) => { setDone(r); setChecked(undefined); onImported(); }, showFailure(setError))
      .finally(() => setBusy(undefined));
  };
  return (
    <Card size="small" title={t('导入数据', 'Import data')} extra={<Space>
      <a href="/api/templates/duixian-template.xlsx" download>{t('下载 Excel 模板', 'Excel template')}</a>
      <a href="/api/templates/duixian-template.subjects.csv" download>subjects.csv</a>
      <a href="/api/templates/duixian-template.facts.csv" download>facts.csv</a>
    </Space>}>
      <Typography.Paragraph type="secondary" data-testid="layouts">{t(
        '两种填法，模板中都有示例。长表：“事实”表每行一条数据（主体编号、年度、指标、值，可注明事项、规则、季度、来源）。宽表（统计局常用）：“主体”表每个主体一行，主体各列之后每列一个指标和年度，表头如 网络零售额(2023)、网络零售额(2023,万元)、网络零售额增幅(2023,%)；单位也可写在格中，如 1.2亿元。宽表可以单独导入（不需要“事实”表）。两种可以混用：同一主体、年度、指标两处都填时，值相同只计一次，不同则报错；须注明规则或事项的数据只能填在“事实”表。',
        'Two layouts, both shown in the template. Long: the 事实 (facts) sheet, one fact per row (subject, year, indicator, value, with its item, rule, quarter and source if any). Wide (the statistics bureau\'s): one row per subject on the 主体 (subjects) sheet, with a column per indicator and year after the subject\'s columns, headed like 网络零售额(2023), 网络零售额(2023,万元) or 网络零售额增幅(2023,%); the unit may also be in the cell, as in 1.2亿元. A wide table may be imported alone, without a facts sheet. They may be mixed: a value given in both places counts once when equal and is a problem when not; facts that need a rule or an item go in the facts sheet.',
      )}</Typography.Paragraph>
      <Upload.Dragger multiple accept=".xlsx,.json,.csv" showUploadList={false} data-testid="dropzone"
        beforeUpload={(_f, list) => { if (_f === list[list.length - 1]) void check(list); return false; }}>
        <p>{t('把 .xlsx、.json 文件或一对 CSV 文件拖到这里，或点击选择', 'Drop an .xlsx or .json file, or a CSV pair, here — or click to choose')}</p>
        {files.length > 0 && <p><b>{files.map((f) => f.name).join('、')}</b></p>}
      </Upload.Dragger>
      <div style={{ marginTop: 12 }}>
        {busy !== undefined && <Working since={busy} progress={progress} phases={IMPORT_PHASES} testId="import-progress" />}
        {Array.isArray(error) && <Alert type="error" showIcon message={t(error[0], error[1])} />}
        {error instanceof ApiFailure && <Failure error={error} />}
        {checked && (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="import-checked">
            <Alert type="success" showIcon message={t(
              `检查通过，尚未写入：${checked.year} 年度，主体 ${checked.rows.subjects} 个，数据 ${checked.rows.facts} 条。确认后一次性导入；有改动的数值将记为修订。`,
              `Checked, nothing written yet: ${checked.year}, ${checked.rows.subjects} subjects, ${checked.rows.facts} facts. Commit imports all of it at once; changed values become revisions.`,
            )} />
            {checked.warnings.length > 0 && <Alert type="warning" message={checked.warnings.map((w) => `${w.path}：${problem(w)}`).join('；')
              + (leftInEnglish(lang, checked.warnings) ? t('（具体说明目前只有英文，可切换到 English 查看）', '') : '')} />}
            <Space.Compact style={{ width: '100%' }}>
              <Input aria-label={t('导入原因', 'Why')} placeholder={t('导入原因（将记入修订记录），如：2023年四季度统计数据', 'Why (recorded with every revision)')} value={reason} onChange={(e) => setReason(e.target.value)} />
              <Button type="primary" onClick={() => void commit()} loading={busy !== undefined} data-testid="commit-import">{t('确认导入', 'Commit')}</Button>
            </Space.Compact>
          </Space>
        )}
        {done && (
          <Alert type="success" showIcon data-testid="import-done" message={done.importId === null
            ? t('数据库中已有全部内容，未作任何更改。', 'The database already holds all of it; nothing changed.')
            : t(`已导入（第 ${done.importId} 次导入）：主体新增 ${done.subjects.added}、更改 ${done.subjects.changed}；数据新增 ${done.facts.added}、修订 ${done.facts.revised}。`,
              `Imported (import ${done.importId}): subjects ${done.subjects.added} added, ${done.subjects.changed} changed; facts ${done.facts.added} added, ${done.facts.revised} revised.`)} />
        )}
      </div>
    </Card>
  );
}

/** 导入记录: who imported what, when and why, with what it changed. */
function ImportLog() {
  const t = useT();
  const [rows, setRows] = useState<ImportRow[]>();
  const [error, setError] = useState<ApiFailure>();
  // the API pages the log but does not sort it: it is short (an import a quarter per county), so held whole
  useEffect(() => void allPages<ImportRow>('/api/imports').then(setRows, showFailure(setError)), []);
  const count = (a: Added | undefined, k: 'added' | 'changed' | 'revised') => a?.[k] ?? 0;
  return (
    <Card size="small" title={t('导入记录', 'Import log')}>
      {error && <Failure error={error} />}
      <Table<ImportRow> rowKey="id" size="small" loading={!rows && !error} dataSource={rows ?? []} pagination={{ pageSize: 10 }} data-testid="imports" columns={[
        { title: t('编号', 'No.'), dataIndex: 'id', width: 70, sorter: by((r) => r.id, integer) },
        { title: t('时间', 'When'), dataIndex: 'at', width: 170, sorter: by((r) => r.at, code), render: (v: string) => new Date(v).toLocaleString() },
        { title: t('导入人', 'By'), dataIndex: 'by', width: 110, sorter: by((r) => r.by, text) },
        { title: t('文件', 'File'), dataIndex: 'name', sorter: by((r) => r.name, text) },
        { title: t('原因', 'Why'), dataIndex: 'reason', sorter: by((r) => r.reason, text) },
        { title: t('主体 新增/更改', 'Subjects added / changed'), width: 120, align: 'right', sorter: by((r) => count(r.counts.subjects, 'added') + count(r.counts.subjects, 'changed'), num), render: (_, r) => `${count(r.counts.subjects, 'added')} / ${count(r.counts.subjects, 'changed')}` },
        { title: t('数据 新增/修订', 'Facts added / revised'), width: 120, align: 'right', sorter: by((r) => count(r.counts.facts, 'added') + count(r.counts.facts, 'revised'), num), render: (_, r) => `${count(r.counts.facts, 'added')} / ${count(r.counts.facts, 'revised')}` },
      ]} />
    </Card>
  );
}

function Subjects() {
  const t = useT();
  const names = useNames();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string>();
  const [sort, setSort] = useState<string>();
  const [page, setPage] = useState({ current: 1, size: 20 });
  const [data, setData] = useState<Page<SubjectRow>>();
  const [error, setError] = useState<ApiFailure>();
  const [open, setOpen] = useState<string>();
  useEffect(() => {
    setData(undefined);
    const params = new URLSearchParams({ page: String(page.current), pageSize: String(page.size), ...(q ? { q } : {}), ...(kind ? { kind } : {}), ...(sort ? { sort } : {}) });
    api<Page<SubjectRow>>('GET', `/api/subjects?${params}`).then(setData, showFailure(setError));
  }, [q, kind, sort, page]);
  return (
    <Card size="small" title={t('主体与数据', 'Subjects and data')}>
      <Space style={{ marginBottom: 12 }}>
        <Input.Search allowClear aria-label={t('查找主体', 'Find a subject')} placeholder={t('名称、编号或信用代码', 'Name, id or USCC')} onSearch={(v) => { setQ(v); setPage({ ...page, current: 1 }); }} style={{ width: 300 }} />
        <Select allowClear aria-label={t('类型', 'Kind')} placeholder={t('类型', 'Kind')} style={{ width: 200 }} onChange={(v?: string) => { setKind(v); setPage({ ...page, current: 1 }); }}
          options={names.kinds.map((k) => ({ value: k.kind, label: k.label }))} />
      </Space>
      {error && <Failure error={error} />}
      <Table<SubjectRow> rowKey="id" size="small" loading={!data} dataSource={[...(data?.items ?? [])]} data-testid="subjects"
        pagination={{ current: page.current, pageSize: page.size, total: data?.total ?? 0, showSizeChanger: true, onChange: (current, size) => setPage({ current, size }) }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        onChange={(_p, _f, sorter) => setSort(sortParam(sorter))}
        // the API sorts subjects by id, name or region only: kind and USCC stay unsorted
        columns={[
          { title: t('编号', 'Id'), dataIndex: 'id', width: 130, sorter: true },
          { title: t('名称', 'Name'), dataIndex: 'name', sorter: true },
          { title: t('类型', 'Kind'), dataIndex: 'kind', width: 130, render: (v: string) => names.kind(v) },
          { title: t('地区', 'Region'), dataIndex: 'region', width: 160, sorter: true, render: (v: string | null) => names.region(v) },
          { title: t('信用代码', 'USCC'), dataIndex: 'uscc', width: 190 },
        ]} />
      <Drawer open={open !== undefined} onClose={() => setOpen(undefined)} width={760} title={open && `${data?.items.find((r) => r.id === open)?.name ?? ''}（${open}）`}>{open && <SubjectDetail id={open} />}</Drawer>
    </Card>
  );
}


function SubjectDetail({ id }: { id: string }) {
  const t = useT();
  const names = useNames();
  const [d, setD] = useState<Detail>();
  const [revs, setRevs] = useState<Revision[]>();
  const [error, setError] = useState<ApiFailure>();
  useEffect(() => {
    api<Detail>('GET', `/api/subjects/${encodeURIComponent(id)}`).then(setD, showFailure(setError));
    api<{ items: Revision[] }>('GET', `/api/subjects/${encodeURIComponent(id)}/revisions`).then((r) => setRevs(r.items), showFailure(setError));
  }, [id]);
  if (error) return <Failure error={error} />;
  if (!d) return null;
  return (
    <>
      <Descriptions size="small" column={2} items={[
        { label: t('名称', 'Name'), children: d.subject.name }, { label: t('地区', 'Region'), children: names.region(d.subject.region) },
        { label: t('类型', 'Kind'), children: names.kind(d.subject.kind) }, { label: t('信用代码', 'USCC'), children: d.subject.uscc ?? '—' },
        { label: t('现有标签', 'Tags now'), span: 2, children: d.tags.filter((x) => !x.to).map((x) => <Tag key={`${x.tag}${x.from}`} color="blue">{names.tag(x.tag)}</Tag>) },
      ]} />
      <Typography.Title level={5}>{t('标签历史', 'Tag history')}</Typography.Title>
      <Table<TagSpan> size="small" rowKey={(x) => `${x.tag}|${x.from}`} dataSource={d.tags} pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid="tags" columns={[
        { title: t('标签', 'Tag'), dataIndex: 'tag', sorter: by((x) => x.tag, code), render: (v: string) => names.tag(v) },
        { title: t('起', 'From'), dataIndex: 'from', sorter: by((x) => x.from, code), render: (v: string) => v.slice(0, 10) },
        // a tag still held has no end: it sorts last going up, and first going down
        { title: t('止', 'Until'), dataIndex: 'to', sorter: by((x) => x.to ?? '\uffff', code), render: (v: string | null) => v?.slice(0, 10) ?? t('至今', 'now') },
      ]} />
      <Typography.Title level={5}>{t('数据', 'Facts')}</Typography.Title>
      <Table<Fact> size="small" rowKey={(f) => `${f.year}|${f.quarter}|${f.key}|${f.item}|${f.rule}`} dataSource={d.facts} pagination={{ pageSize: 10 }} data-testid="facts" columns={[
        { title: t('年度', 'Year'), dataIndex: 'year', width: 70, sorter: by((f) => f.year, num) }, { title: t('季度', 'Q'), dataIndex: 'quarter', width: 60, sorter: by((f) => f.quarter, num) },
        { title: t('指标', 'Indicator'), dataIndex: 'key', sorter: by((f) => names.fact(f.key), text), render: (v: string) => names.fact(v) }, { title: t('项目', 'Item'), dataIndex: 'item', sorter: by((f) => f.item, text) },
        // values of different keys are in different units (fen, millionths, counts): sorting them is for finding one key's extremes
        { title: t('数值', 'Value'), dataIndex: 'value', align: 'right', sorter: by((f) => f.value, num), render: (v: number, f) => factValue(names.factUnit(f.key), v) }, { title: t('来源', 'Source'), dataIndex: 'source', width: 90, sorter: by((f) => f.source, text) },
      ]} />
      <Typography.Title level={5}>{t('修订记录', 'Revisions')}</Typography.Title>
      <Table<Revision> size="small" rowKey={(r) => `${r.at}|${r.key}|${r.year}`} dataSource={revs ?? []} pagination={{ pageSize: 10 }} data-testid="revisions" columns={[
        { title: t('时间', 'When'), dataIndex: 'at', sorter: by((r) => r.at, code), render: (v: string) => new Date(v).toLocaleString() }, { title: t('指标', 'Indicator'), dataIndex: 'key', sorter: by((r) => names.fact(r.key), text), render: (v: string) => names.fact(v) },
        { title: t('原值', 'Old'), dataIndex: 'oldValue', align: 'right', sorter: by((r) => r.oldValue, num), render: (v: number, r) => factValue(names.factUnit(r.key), v) },
        { title: t('新值', 'New'), dataIndex: 'newValue', align: 'right', sorter: by((r) => r.newValue, num), render: (v: number, r) => factValue(names.factUnit(r.key), v) },
        { title: t('修改人', 'By'), dataIndex: 'by', sorter: by((r) => r.by, text) }, { title: t('原因', 'Why'), dataIndex: 'reason', sorter: by((r) => r.reason, text) },
      ]} />
    </>
  );
}
