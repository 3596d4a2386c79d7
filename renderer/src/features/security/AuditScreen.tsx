import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { ColumnDef } from '@tanstack/react-table';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditOutcome, AuditVerification, SearchAuditInput } from '@shared/api';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { pickText } from '../../ui/api-error';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { useLanguage } from '../../ui/use-language';

const actionGroups = [
  'auth',
  'personalData',
  'document',
  'user',
  'settings',
  'vault',
  'knowledge',
  'model',
  'audit',
] as const;
const outcomes: AuditOutcome[] = ['success', 'failure', 'denied'];
const outcomeColors: Record<AuditOutcome, string> = {
  success: 'green',
  failure: 'orange',
  denied: 'red',
};

interface FilterValues {
  days?: [Dayjs, Dayjs] | null;
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
}

function toFilter(values: FilterValues): Omit<SearchAuditInput, 'limit' | 'beforeSeq'> {
  const actor = values.actor?.trim();
  return {
    ...(values.days ? { from: values.days[0].format('YYYY-MM-DD') } : {}),
    ...(values.days ? { to: values.days[1].format('YYYY-MM-DD') } : {}),
    ...(actor ? { actor } : {}),
    ...(values.action ? { action: values.action } : {}),
    ...(values.outcome ? { outcome: values.outcome } : {}),
  };
}

/** Admin: the audit trail, filtered and paged newest first, and its integrity check. */
export function AuditScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<Omit<SearchAuditInput, 'limit' | 'beforeSeq'>>({});
  const pages = useInfiniteQuery({
    queryKey: queryKeys.audit(filter),
    queryFn: ({ pageParam }) =>
      client.audit.search({
        ...filter,
        limit: 100,
        ...(pageParam === undefined ? {} : { beforeSeq: pageParam }),
      }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBeforeSeq ?? undefined,
  });
  const verify = useMutation({ mutationFn: () => client.audit.verify({}) });
  const entries = useMemo(
    () => pages.data?.pages.flatMap((page) => page.entries) ?? [],
    [pages.data],
  );
  const columns = useAuditColumns();

  return (
    <div className="page page-scroll" data-testid="audit-screen">
      <Card className="page-section">
        <Typography.Title level={4}>{t('audit.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('audit.subtitle')}</Typography.Paragraph>
        <Form
          form={form}
          layout="inline"
          onFinish={(values) => {
            setFilter(toFilter(values));
          }}
          className="audit-filters"
        >
          <Form.Item name="days" label={t('audit.from')}>
            <DatePicker.RangePicker allowClear />
          </Form.Item>
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input allowClear maxLength={64} style={{ width: 140 }} data-testid="audit-actor" />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <Select
              allowClear
              placeholder={t('audit.any')}
              style={{ width: 180 }}
              data-testid="audit-action"
              options={actionGroups.map((group) => ({
                value: group,
                label: t(`audit.actions.${group}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="outcome" label={t('audit.outcome')}>
            <Select
              allowClear
              placeholder={t('audit.any')}
              style={{ width: 110 }}
              options={outcomes.map((outcome) => ({
                value: outcome,
                label: t(`audit.outcomes.${outcome}`),
              }))}
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="audit-search">
              {t('audit.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilter({});
              }}
            >
              {t('audit.reset')}
            </Button>
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={verify.isPending}
              onClick={() => {
                verify.mutate();
              }}
              data-testid="audit-verify"
            >
              {t('audit.verify')}
            </Button>
          </Space>
        </Form>
        <VerifyResult verification={verify.data} />
        <ErrorAlert error={verify.error ?? pages.error ?? undefined} />
      </Card>
      <Card className="page-section" size="small">
        <Typography.Text type="secondary" data-testid="audit-total">
          {t('audit.total', { count: pages.data?.pages[0]?.total ?? 0 })}
        </Typography.Text>
        <DataTable
          data={entries}
          columns={columns}
          getRowId={(entry) => String(entry.seq)}
          empty={t('audit.empty')}
          testId="audit-table"
          rowTestId="audit-row"
          caption={t('audit.title')}
        />
        {pages.hasNextPage ? (
          <Button
            block
            loading={pages.isFetchingNextPage}
            onClick={() => void pages.fetchNextPage()}
          >
            {t('audit.more')}
          </Button>
        ) : null}
      </Card>
    </div>
  );
}

function VerifyResult({ verification }: { verification: AuditVerification | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!verification) return null;
  return (
    <Alert
      className="page-section"
      type={verification.ok ? 'success' : 'error'}
      showIcon
      data-testid="audit-verification"
      title={
        verification.ok
          ? t('audit.verifyOk', { count: verification.entries })
          : t('audit.verifyFailed', { count: verification.problems.length })
      }
      description={
        verification.ok ? null : (
          <ul>
            {verification.problems.map((problem, index) => (
              <li key={`${String(problem.seq)}-${String(index)}`}>
                {pickText(problem.message, language)}
              </li>
            ))}
          </ul>
        )
      }
    />
  );
}

function useAuditColumns(): ColumnDef<AuditEntry>[] {
  const { t } = useTranslation();
  const names: Record<string, string | undefined> = t('audit.names', { returnObjects: true });
  return useMemo(
    () => [
      { header: '#', accessorKey: 'seq', cell: ({ row }) => row.original.seq },
      {
        header: t('audit.time'),
        accessorKey: 'at',
        cell: ({ row }) => formatDateTime(row.original.at),
      },
      { header: t('audit.actor'), accessorKey: 'actor' },
      {
        header: t('audit.action'),
        accessorKey: 'action',
        // An action this version does not name (from a newer terminal) shows as its code.
        cell: ({ row }) => names[row.original.action.replaceAll('.', '_')] ?? row.original.action,
      },
      {
        header: t('audit.subject'),
        accessorKey: 'subject',
        cell: ({ row }) => <span className="mono">{row.original.subject}</span>,
      },
      {
        header: t('audit.outcome'),
        accessorKey: 'outcome',
        cell: ({ row }) => (
          <Tag color={outcomeColors[row.original.outcome]}>
            {t(`audit.outcomes.${row.original.outcome}`)}
          </Tag>
        ),
      },
      {
        header: t('audit.detail'),
        id: 'detail',
        cell: ({ row }) => {
          const detail = row.original.detail;
          return Object.keys(detail).length === 0 ? (
            '—'
          ) : (
            <span className="mono audit-detail">{JSON.stringify(detail)}</span>
          );
        },
      },
      { header: t('audit.terminal'), accessorKey: 'terminal' },
    ],
    [t, names],
  );
}
