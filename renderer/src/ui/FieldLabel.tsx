import { useTranslation } from 'react-i18next';

/** A form label, marked "optional" in the current language when the field may stay empty. */
export function FieldLabel({ text, optional = false }: { text: string; optional?: boolean }) {
  const { t } = useTranslation();
  return (
    <span>
      {text}
      {optional ? <span className="optional-mark">{t('common.optional')}</span> : null}
    </span>
  );
}
