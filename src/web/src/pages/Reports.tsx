import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, DatePicker, Result, Segmented, Space, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, unwrap } from '../api/client';
import { errorMessage, isNotFound } from '../api/errors';
import { useAccountabilityReport, useHandlingReport, type HandlingRow } from '../api/queries';
import { useSession } from '../auth/session';
import { ReportChart } from '../components/ReportChart';
import { ReportOrgPicker } from '../components/ReportOrgPicker';
import { AccountabilityTable, HandlingTable, type AccTableRow, type Row } from '../components/ReportTables';
import { AccountabilityItems, isCategory, NO_PERSON, PersonDocuments, type LateNarrowing } from '../components/ReportDrilldowns';
import { ExportButtons } from '../components/ReportExportButtons';
import { SentReport } from '../components/ReportSent';
import { formatDate } from '../lib/format';
import { isIsoDate, PRESET_LABEL, PRESETS, presetPeriod, type Preset } from '../lib/periods';

type Grouping = 'don-vi' | 'nguoi';
const TABS = ['xu-ly', 'trach-nhiem', 'van-ban-di'] as const;

/** The report's query string as it stands in the address bar: every drill-down step is a link. */
function useReportParams() {
  const [params] = useSearchParams();
  const { me } = useSession();
  const roots = useMemo(
    () => [
      ...new Map((me?.roles ?? []).filter((r) => r.role === 'leader' || r.role === 'admin').map((r) => [r.organizationId, r])).values(),
    ],
    [me],
  );
  const preset = (params.get('ky') ?? 'nam') as Preset | 'tuy-chon';
  const custom = preset === 'tuy-chon' && isIsoDate(params.get('tu')) && isIsoDate(params.get('den'));
  const period = custom
    ? { from: params.get('tu')!, to: params.get('den')! }
    : presetPeriod(PRESETS.includes(preset as Preset) ? (preset as Preset) : 'nam');
  return {
    params,
    roots,
    orgId: params.get('don-vi') ?? roots[0]?.organizationId,
    preset: custom ? 'tuy-chon' : PRESETS.includes(preset as Preset) ? preset : 'nam',
    period,
    grouping: (params.get('theo') === 'nguoi' ? 'nguoi' : 'don-vi') as Grouping,
    personId: params.get('nguoi') ?? undefined,
    category: [params.get('loai')].find(isCategory),
    tab: TABS.find((t) => t === params.get('tab')) ?? 'xu-ly',
  };
}

/**
 * Báo cáo: the handling report (tình hình giải quyết văn bản đến, REPORTS.md) of a unit of the
 * caller's subtree for a period, with a chart, and who held late items (accountability). A click on
 * a row goes one step down: child unit → its units → people → the person's documents.
 */
export default function Reports() {
  const { params, roots, orgId, preset, period, grouping, personId, category, tab } = useReportParams();
  const navigate = useNavigate();
  const [accBy, setAccBy] = useState<'person' | 'child'>('person');
  // The ranking row whose late custody is listed under it (its key: AccTableRow.key).
  const [accRow, setAccRow] = useState<AccTableRow>();

  const to = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes))
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    return `/bao-cao?${next}`;
  };
  const drill = (changes: Record<string, string | undefined>) => navigate(to(changes));

  const org = useQuery({
    queryKey: ['organization', orgId],
    enabled: orgId !== undefined,
    staleTime: 5 * 60_000,
    queryFn: () => unwrap(api.GET('/api/v1/organizations/{id}', { params: { path: { id: orgId! } } })),
  });
  const base = orgId ? { organizationId: orgId, from: period.from, to: period.to } : undefined;
  const groupBy = grouping === 'nguoi' || personId ? ('person' as const) : ('child' as const);
  const report = useHandlingReport(base && tab === 'xu-ly' ? { ...base, groupBy } : undefined);
  const accountability = useAccountabilityReport(base && tab === 'trach-nhiem' ? { ...base, groupBy: accBy, limit: 100 } : undefined);

  // A unit with no units under it holding items (a commune, a phòng): its people are the next level.
  const onlyItself =
    grouping === 'don-vi' &&
    report.data?.rows.length === 1 &&
    'organization' in report.data.rows[0] &&
    report.data.rows[0].organization.id === orgId;
  useEffect(() => {
    if (onlyItself) navigate(to({ theo: 'nguoi' }), { replace: true });
  });

  if (orgId === undefined) return <Result status="info" title="Bạn không phụ trách đơn vị nào." />;

  const chain = org.data ? [...org.data.ancestors, org.data] : [];
  const top = chain.findIndex((o) => roots.some((r) => r.organizationId === o.id));
  const trail = top >= 0 ? chain.slice(top) : chain.slice(-1);
  const personName = report.data?.rows.find((r) => 'person' in r && r.person?.id === personId);
  const personLabel =
    personId === NO_PERSON ? 'Chưa giao người chủ trì' : personName && 'person' in personName ? personName.person?.fullName : undefined;

  const rows: Row[] = (report.data?.rows ?? [])
    .map((r: HandlingRow): Row => {
      if ('organization' in r) {
        const own = r.organization.id === orgId;
        return {
          ...r,
          key: r.organization.id,
          name: own ? `${r.organization.name} (trực tiếp)` : r.organization.name,
          target: own ? to({ theo: 'nguoi', nguoi: undefined }) : to({ 'don-vi': r.organization.id, theo: undefined, nguoi: undefined }),
        };
      }
      return {
        ...r,
        key: r.person?.id ?? 'none',
        name: r.person?.fullName ?? 'Chưa giao người chủ trì',
        target: to({ nguoi: r.person?.id ?? NO_PERSON, loai: undefined }),
        cellTarget: (c) => to({ nguoi: r.person?.id ?? NO_PERSON, loai: c }),
      };
    })
    .sort((a, b) => b.openOverdue - a.openOverdue || b.lateRate - a.lateRate || a.name.localeCompare(b.name, 'vi'));

  // The chart shows the groups with something to handle, the twenty most overdue (the table has them all).
  const charted = rows.filter((r) => r.toHandle > 0).slice(0, 20);
  const err = org.error ?? report.error ?? accountability.error;
  if (err && isNotFound(err))
    return <Result status="404" title="Không tìm thấy đơn vị" subTitle="Đơn vị không thuộc phạm vi bạn phụ trách." />;

  const periodText = `từ ${formatDate(period.from)} đến ${formatDate(period.to)}`;
  const exportQuery = { organizationId: orgId, from: period.from, to: period.to };

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        Báo cáo
      </Typography.Title>
      <Space wrap align="end" style={{ marginBottom: 12 }}>
        <div>
          <label htmlFor="bc-don-vi" style={{ display: 'block', marginBottom: 4 }}>
            Đơn vị
          </label>
          <ReportOrgPicker
            id="bc-don-vi"
            roots={roots.map((r) => ({ id: r.organizationId, name: r.organizationName }))}
            value={org.data ? { id: org.data.id, name: org.data.name } : undefined}
            onChange={(id) => drill({ 'don-vi': id, theo: undefined, nguoi: undefined })}
          />
        </div>
        <div>
          <span id="bc-ky" style={{ display: 'block', marginBottom: 4 }}>
            Kỳ báo cáo
          </span>
          <Segmented
            aria-labelledby="bc-ky"
            value={preset}
            onChange={(v) => drill({ ky: v, tu: undefined, den: undefined })}
            options={[...PRESETS.map((p) => ({ value: p, label: PRESET_LABEL[p] })), { value: 'tuy-chon', label: 'Tùy chọn' }]}
          />
        </div>
        {preset === 'tuy-chon' && (
          <DatePicker.RangePicker
            aria-label="Từ ngày, đến ngày"
            format="DD/MM/YYYY"
            allowClear={false}
            value={[dayjs(period.from), dayjs(period.to)]}
            onChange={(v) => v?.[0] && v[1] && drill({ ky: 'tuy-chon', tu: v[0].format('YYYY-MM-DD'), den: v[1].format('YYYY-MM-DD') })}
          />
        )}
      </Space>
      {preset !== 'tuy-chon' && (
        <div style={{ marginBottom: 8 }}>
          <Button type="link" style={{ padding: 0 }} onClick={() => drill({ ky: 'tuy-chon', tu: period.from, den: period.to })}>
            Chọn khoảng thời gian khác
          </Button>
        </div>
      )}
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          ...trail.map((o, i) => ({
            key: o.id,
            title:
              i === trail.length - 1 && grouping === 'don-vi' && !personId ? (
                o.name
              ) : (
                <Link to={to({ 'don-vi': o.id, theo: undefined, nguoi: undefined })}>{o.name}</Link>
              ),
          })),
          ...(personId
            ? [{ key: 'person', title: personLabel ?? 'Người chủ trì' }]
            : grouping === 'nguoi'
              ? [{ key: 'people', title: 'Theo người chủ trì' }]
              : []),
        ]}
      />
      <Tabs
        className="report-tabs"
        tabBarGutter={16}
        activeKey={tab}
        onChange={(k) => drill({ tab: k === 'xu-ly' ? undefined : k })}
        items={[
          {
            key: 'xu-ly',
            label: 'Tình hình giải quyết',
            children: personId ? (
              <PersonDocuments
                orgId={orgId}
                personId={personId}
                name={personLabel}
                period={period}
                category={category ?? 'openOverdue'}
                onCategory={(c) => drill({ loai: c })}
              />
            ) : (
              <section aria-labelledby="h-bao-cao">
                <Typography.Title level={2} id="h-bao-cao" style={{ fontSize: 18 }}>
                  {org.data?.name ?? ''}, {periodText}
                </Typography.Title>
                <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
                  <Segmented
                    aria-label="Nhóm theo"
                    value={grouping}
                    onChange={(v) => drill({ theo: v === 'nguoi' ? 'nguoi' : undefined })}
                    options={[
                      { value: 'don-vi', label: 'Theo đơn vị' },
                      { value: 'nguoi', label: 'Theo người chủ trì' },
                    ]}
                  />
                  <ExportButtons
                    path="/api/v1/reports/handling"
                    query={{ ...exportQuery, groupBy }}
                    name={`bao-cao-giai-quyet-van-ban-den-${period.from}-${period.to}`}
                  />
                </Space>
                {err ? (
                  <Alert type="error" showIcon message={errorMessage(err)} />
                ) : (
                  <>
                    <HandlingTable rows={rows} total={report.data?.total} loading={report.isPending} by={groupBy} />
                    {charted.length > 0 && (
                      <div style={{ marginTop: 16 }}>
                        <ReportChart
                          rows={charted}
                          label={`Biểu đồ tình hình giải quyết văn bản đến ${grouping === 'nguoi' ? 'theo người chủ trì' : 'theo đơn vị'}, ${periodText}; số liệu chi tiết trong bảng trên.`}
                        />
                      </div>
                    )}
                  </>
                )}
              </section>
            ),
          },
          {
            key: 'trach-nhiem',
            label: 'Trách nhiệm chậm trễ',
            children: (
              <section aria-labelledby="h-trach-nhiem">
                <Typography.Title level={2} id="h-trach-nhiem" style={{ fontSize: 18 }}>
                  Người giữ văn bản quá thời hạn được giao, {periodText}
                </Typography.Title>
                <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
                  <Segmented
                    aria-label="Xếp hạng theo"
                    value={accBy}
                    onChange={(v) => {
                      setAccBy(v === 'child' ? 'child' : 'person');
                      setAccRow(undefined);
                    }}
                    options={[
                      { value: 'person', label: 'Theo người' },
                      { value: 'child', label: 'Theo đơn vị trực thuộc' },
                    ]}
                  />
                  <ExportButtons
                    path="/api/v1/reports/accountability"
                    query={{ ...exportQuery, groupBy: accBy }}
                    name={`trach-nhiem-cham-tre-${period.from}-${period.to}`}
                  />
                </Space>
                {err ? (
                  <Alert type="error" showIcon message={errorMessage(err)} />
                ) : (
                  <>
                    <AccountabilityTable
                      data={accountability.data}
                      loading={accountability.isPending}
                      selected={accRow?.key}
                      onSelect={setAccRow}
                    />
                    {accRow && <AccountabilityItems key={accRow.key} narrowing={lateNarrowing(orgId, accRow)} period={period} />}
                  </>
                )}
              </section>
            ),
          },
          {
            key: 'van-ban-di',
            label: 'Văn bản đã gửi',
            children: <SentReport orgId={orgId} orgName={org.data?.name} period={period} />,
          },
        ]}
      />
    </>
  );
}

/** The custody a ranking row sums: a person's, a child's subtree, or the organisation's own (its row among its children). */
function lateNarrowing(orgId: string, row: AccTableRow): LateNarrowing {
  if ('organization' in row)
    return row.organization.id === orgId
      ? { organizationId: orgId, unitId: orgId, label: row.name }
      : { organizationId: row.organization.id, label: row.name };
  return { organizationId: orgId, personId: row.person?.id ?? NO_PERSON, label: row.name };
}
