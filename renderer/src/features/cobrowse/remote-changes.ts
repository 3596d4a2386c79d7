import type { TFunction } from 'i18next';
import type { FieldValue } from '@shared/api/review';
import type { RemoteChange, SharedField, SharedWorkspace } from '@shared/api/remote';

/** A field's value as words: empty, yes/no, or the value itself. */
export function formatFieldValue(t: TFunction, value: FieldValue): string {
  if (value === null || value === '') return t('remote.emptyValue');
  if (typeof value === 'boolean') return value ? t('remote.yes') : t('remote.no');
  return String(value);
}

/** A material field's place in the case: `material.<code>.<key>`. */
export function materialFieldOf(field: SharedField): { materialCode: string; fieldKey: string } {
  const [, materialCode = '', ...rest] = field.key.split('.');
  return { materialCode, fieldKey: rest.join('.') };
}

/** The label of a field read off a material, without the material's name before it. */
export function shortLabel(field: SharedField, materialName: string): string {
  const prefix = `${materialName} · `;
  return field.label.startsWith(prefix) ? field.label.slice(prefix.length) : field.label;
}

/** What a suggestion would change, in words, with the names the workspace gives. */
export function describeChange(
  t: TFunction,
  change: RemoteChange,
  workspace: SharedWorkspace | null,
): string {
  switch (change.kind) {
    case 'material': {
      const name =
        workspace?.materials.find((material) => material.code === change.materialCode)?.name ??
        change.materialCode;
      const text = t('remote.changes.material', {
        name,
        state: t(`materialState.${change.state}`),
      });
      return change.note ? `${text}（${change.note}）` : text;
    }
    case 'decision': {
      const name =
        workspace?.points.find((point) => point.code === change.pointCode)?.title ??
        change.pointCode;
      const text = t('remote.changes.decision', {
        name,
        verdict: t(`review.verdict.${change.verdict}`),
      });
      return change.note ? `${text}（${change.note}）` : text;
    }
    case 'field': {
      const key = `material.${change.materialCode}.${change.fieldKey}`;
      const name = workspace?.fields.find((field) => field.key === key)?.label ?? change.fieldKey;
      return t('remote.changes.field', { name, value: formatFieldValue(t, change.value) });
    }
  }
}
