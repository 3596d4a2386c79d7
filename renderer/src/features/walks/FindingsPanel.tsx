import { useState } from 'react';
import { Badge, Button, Card, Collapse, Space, Tag, Typography } from 'antd';
import {
  ExclamationCircleOutlined,
  HistoryOutlined,
  PlusOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Finding, WalkDetail } from '@shared/api/walks';
import { EmptyState } from '../../ui/EmptyState';
import { formatDateTime } from '../../ui/format';
import { EvidenceList } from './EvidenceList';
import { FindingDialog } from './FindingDialog';
import { RecurringDialog } from './RecurringDialog';
import { RectificationDialog } from './RectificationDialog';
import { RectificationStatusTag, CategoryTag, SeverityTag } from './WalkTags';

interface FindingsPanelProps {
  walk: WalkDetail;
  /** The walk's own leader. */
  runner: boolean;
}

/** What got in the applicant's way, with evidence and the rectifications raised from it. */
export function FindingsPanel({ walk, runner }: FindingsPanelProps) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [raising, setRaising] = useState<Finding>();
  const [marking, setMarking] = useState<Finding>();
  const recording = runner && (walk.status === 'in_progress' || walk.status === 'paused');

  return (
    <Card
      title={
        <Space>
          <ExclamationCircleOutlined />
          {t('walk.findings')}
          <Badge count={walk.findings.length} showZero color="#8c8c8c" />
        </Space>
      }
      extra={
        recording ? (
          <Button
            type="primary"
            size="large"
            danger
            icon={<PlusOutlined />}
            onClick={() => {
              setAdding(true);
            }}
            data-testid="finding-add"
          >
            {t('walk.addFinding')}
          </Button>
        ) : null
      }
      className="page-section"
      data-testid="walk-findings"
    >
      {walk.findings.length === 0 ? (
        <EmptyState title={t('walk.noFindings')} />
      ) : (
        <ul className="finding-list">
          {walk.findings.map((finding) => {
            const rectifications = walk.rectifications.filter(
              (item) => item.findingId === finding.id,
            );
            return (
              <li key={finding.id} className="finding-item" data-testid="finding-item">
                <div className="finding-head">
                  <CategoryTag category={finding.category} />
                  <SeverityTag severity={finding.severity} />
                  {finding.stage ? (
                    <Tag>
                      {t('walk.findingAtStage', { stage: t(`walkLabels.stage.${finding.stage}`) })}
                    </Tag>
                  ) : null}
                  {finding.recurringOfId !== null || finding.recurrenceCount > 1 ? (
                    <Tag color="magenta">
                      {finding.recurrenceCount > 1
                        ? t('walk.recurrence', { count: finding.recurrenceCount })
                        : t('walk.recurring')}
                    </Tag>
                  ) : null}
                  <Typography.Text type="secondary" className="finding-time">
                    {formatDateTime(finding.createdAt)}
                  </Typography.Text>
                </div>
                <Typography.Paragraph className="finding-text">
                  {finding.description}
                </Typography.Paragraph>
                {rectifications.map((item) => (
                  <div
                    key={item.id}
                    className="finding-rectification"
                    data-testid="finding-rectification"
                  >
                    <ToolOutlined />
                    <span className="finding-rectification-action">{item.action}</span>
                    <RectificationStatusTag status={item.status} />
                    <Typography.Text type="secondary">
                      {item.ownerUnitName} · {item.ownerPerson} ·{' '}
                      {t('rectification.dueOn', { date: item.dueDate })}
                    </Typography.Text>
                  </div>
                ))}
                <Collapse
                  ghost
                  size="small"
                  items={[
                    {
                      key: 'evidence',
                      label: t('walk.evidence'),
                      children: (
                        <EvidenceList owner={{ findingId: finding.id }} canAdd={recording} />
                      ),
                    },
                  ]}
                />
                {runner ? (
                  <Space wrap>
                    <Button
                      size="large"
                      icon={<ToolOutlined />}
                      onClick={() => {
                        setRaising(finding);
                      }}
                      data-testid="finding-raise"
                    >
                      {t('walk.raiseRectification')}
                    </Button>
                    <Button
                      size="large"
                      type="text"
                      icon={<HistoryOutlined />}
                      onClick={() => {
                        setMarking(finding);
                      }}
                      data-testid="finding-recurring"
                    >
                      {t('finding.markRecurring')}
                    </Button>
                  </Space>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {adding ? (
        <FindingDialog
          walk={walk}
          onClose={() => {
            setAdding(false);
          }}
        />
      ) : null}
      {marking ? (
        <RecurringDialog
          finding={marking}
          onClose={() => {
            setMarking(undefined);
          }}
        />
      ) : null}
      {raising ? (
        <RectificationDialog
          finding={raising}
          onClose={() => {
            setRaising(undefined);
          }}
        />
      ) : null}
    </Card>
  );
}
