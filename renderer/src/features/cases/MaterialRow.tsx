import type { ReactNode, Ref } from 'react';
import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CaseMaterial, MaterialState } from '@shared/api/cases';
import { formatDateTime } from '../../ui/format';
import { MaterialStateTag } from '../../ui/MaterialStateTag';
import { isMaterialForm } from './case-labels';

export type MaterialAction = Exclude<MaterialState, 'pending'>;

interface MaterialRowProps {
  index: number;
  material: CaseMaterial;
  canEdit: boolean;
  /** The state being saved for this row, if any. */
  saving: MaterialAction | undefined;
  onAction: (action: MaterialAction) => void;
  rowRef: Ref<HTMLDivElement>;
}

function RequiredTag({ required }: { required: CaseMaterial['required'] }) {
  const { t } = useTranslation();
  if (required === true) return <Tag color="red">{t('caseDetail.required')}</Tag>;
  if (required === false) return <Tag>{t('caseDetail.notRequired')}</Tag>;
  return (
    <Tooltip title={required}>
      <Tag color="gold" className="tag-ellipsis">
        {t('caseDetail.conditional', { condition: required })}
      </Tag>
    </Tooltip>
  );
}

/** One material: what it is, its state, and the three buttons (or keys 1/2/3) that set it. */
export function MaterialRow({
  index,
  material,
  canEdit,
  saving,
  onAction,
  rowRef,
}: MaterialRowProps) {
  const { t } = useTranslation();
  const form = isMaterialForm(material.form) ? t(`materialForm.${material.form}`) : material.form;
  const actions: { action: MaterialAction; key: string; icon: ReactNode; testId: string }[] = [
    { action: 'received', key: '1', icon: <CheckOutlined />, testId: 'material-received' },
    { action: 'missing', key: '2', icon: <CloseOutlined />, testId: 'material-missing' },
    { action: 'to_correct', key: '3', icon: <EditOutlined />, testId: 'material-to-correct' },
  ];
  return (
    <div
      ref={rowRef}
      className={`material-row material-row-${material.state}`}
      tabIndex={0}
      role="listitem"
      aria-label={material.name}
      data-testid="material-row"
      data-code={material.code}
      data-state={material.state}
    >
      <div className="material-index">{index + 1}</div>
      <div className="material-body">
        <div className="material-title">
          <Typography.Text strong>{material.name}</Typography.Text>
          <RequiredTag required={material.required} />
          <Tag>{form}</Tag>
          <Typography.Text type="secondary">
            {t('caseDetail.copies', { count: material.copies })}
          </Typography.Text>
        </div>
        {material.notes ? (
          <Typography.Text type="secondary" className="material-notes">
            {material.notes}
          </Typography.Text>
        ) : null}
        {material.note ? (
          <Typography.Text
            type={material.state === 'to_correct' ? 'warning' : 'secondary'}
            className="material-state-note"
            data-testid="material-note"
          >
            {material.note}
          </Typography.Text>
        ) : null}
        {material.updatedBy ? (
          <Typography.Text type="secondary" className="material-updated">
            {t('caseDetail.updatedBy', {
              who: material.updatedBy,
              at: formatDateTime(material.updatedAt),
            })}
          </Typography.Text>
        ) : null}
      </div>
      <div className="material-state">
        <MaterialStateTag state={material.state} testId="material-state" />
      </div>
      {canEdit ? (
        <Space.Compact className="material-actions">
          {actions.map(({ action, key, icon, testId }) => (
            <Tooltip key={action} title={t('common.shortcut', { keys: key })}>
              <Button
                size="small"
                type={material.state === action ? 'primary' : 'default'}
                danger={action === 'missing' && material.state === action}
                icon={icon}
                loading={saving === action}
                tabIndex={-1}
                onClick={(event) => {
                  event.stopPropagation();
                  onAction(action);
                }}
                data-testid={testId}
              >
                {t(`materialState.${action}`)}
              </Button>
            </Tooltip>
          ))}
        </Space.Compact>
      ) : null}
    </div>
  );
}
