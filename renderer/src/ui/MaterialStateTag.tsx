import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MaterialState } from '@shared/api/cases';

/** antd Tag colours for material states, wherever a material is shown (a case, a remote window). */
const materialStateColours: Record<MaterialState, string> = {
  pending: 'default',
  received: 'success',
  missing: 'error',
  to_correct: 'warning',
};

/** A material's state (待核对 / 已收取 / 缺失 / 需补正) as a coloured tag. */
export function MaterialStateTag({ state, testId }: { state: MaterialState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={materialStateColours[state]} data-testid={testId} data-state={state}>
      {t(`materialState.${state}`)}
    </Tag>
  );
}
