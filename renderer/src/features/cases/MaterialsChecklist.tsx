import { useRef, useState, type KeyboardEvent } from 'react';
import { Card, Progress, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseMaterial } from '@shared/api/cases';
import { useClient } from '../../app/engine-context';
import { errorMessage } from '../../ui/api-error';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLanguage } from '../../ui/use-language';
import { caseChanged } from './case-queries';
import { CorrectionNoteDialog } from './CorrectionNoteDialog';
import { MaterialRow, type MaterialAction } from './MaterialRow';

const keyActions: Record<string, MaterialAction> = {
  '1': 'received',
  '2': 'missing',
  '3': 'to_correct',
};

interface SetState {
  code: string;
  state: MaterialAction;
  note?: string;
}

function summarise(materials: CaseMaterial[]) {
  const count = (state: CaseMaterial['state']) => materials.filter((m) => m.state === state).length;
  return {
    total: materials.length,
    received: count('received'),
    missing: count('missing'),
    toCorrect: count('to_correct'),
  };
}

/** The materials checklist: state per material, a summary, and keys 1/2/3 on the focused row. */
export function MaterialsChecklist({ detail, canEdit }: { detail: CaseDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const rows = useRef(new Map<string, HTMLDivElement>());
  const [correcting, setCorrecting] = useState<CaseMaterial>();

  const setState = useMutation({
    mutationFn: ({ code, state, note }: SetState) =>
      client.cases.setMaterialState({
        caseId: detail.id,
        materialCode: code,
        state,
        ...(note ? { note } : {}),
      }),
    onSuccess: async (next) => {
      setCorrecting(undefined);
      await caseChanged(queryClient, next);
    },
  });

  const act = (material: CaseMaterial, action: MaterialAction) => {
    if (!canEdit || setState.isPending) return;
    if (action === 'to_correct') {
      setState.reset();
      setCorrecting(material);
    } else {
      setState.mutate({ code: material.code, state: action });
    }
  };

  const focusRow = (index: number) => {
    const material = detail.materials[Math.max(0, Math.min(detail.materials.length - 1, index))];
    if (material) rows.current.get(material.code)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = detail.materials.findIndex((m) => rows.current.get(m.code) === event.target);
    const material = detail.materials[index];
    if (!material) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      focusRow(index + (event.key === 'ArrowDown' ? 1 : -1));
      return;
    }
    const action = keyActions[event.key];
    if (action && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      act(material, action);
    }
  };

  const summary = summarise(detail.materials);
  const saving = setState.isPending ? setState.variables : undefined;
  const percent = summary.total === 0 ? 0 : Math.round((summary.received / summary.total) * 100);

  return (
    <Card
      title={t('caseDetail.materials')}
      className="page-section"
      extra={
        canEdit ? (
          <Typography.Text type="secondary" className="keyboard-hint">
            {t('caseDetail.materialsHint')}
          </Typography.Text>
        ) : null
      }
    >
      <div className="materials-summary" data-testid="materials-summary">
        <Typography.Text>{t('caseDetail.summary', summary)}</Typography.Text>
        <Progress
          percent={percent}
          strokeColor="#52c41a"
          status={percent === 100 ? 'success' : 'normal'}
          format={() => `${summary.received}/${summary.total}`}
        />
      </div>
      {setState.isError && !correcting ? <ErrorAlert error={setState.error} /> : null}
      {detail.materials.length === 0 ? (
        <EmptyState title={t('caseDetail.noMaterials')} />
      ) : (
        <div className="materials-list" role="list" onKeyDown={onKeyDown}>
          {detail.materials.map((material, index) => (
            <MaterialRow
              key={material.code}
              index={index}
              material={material}
              canEdit={canEdit}
              saving={saving?.code === material.code ? saving.state : undefined}
              onAction={(action) => {
                act(material, action);
              }}
              rowRef={(element) => {
                if (element) rows.current.set(material.code, element);
                else rows.current.delete(material.code);
              }}
            />
          ))}
        </div>
      )}
      {correcting ? (
        <CorrectionNoteDialog
          materialName={correcting.name}
          initialNote={correcting.state === 'to_correct' ? (correcting.note ?? '') : ''}
          saving={setState.isPending}
          error={setState.isError ? errorMessage(setState.error, language) : undefined}
          onSubmit={(note) => {
            setState.mutate({ code: correcting.code, state: 'to_correct', note });
          }}
          onCancel={() => {
            setCorrecting(undefined);
            focusRow(detail.materials.indexOf(correcting));
          }}
        />
      ) : null}
    </Card>
  );
}
