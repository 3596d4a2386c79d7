import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConsoleLanguage } from '../i18n';
import { useConsoleLanguage } from './use-console-language';

/** 中文 | English: each shown in its own language, so either reader finds it. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const language = useConsoleLanguage();
  return (
    <Segmented<ConsoleLanguage>
      size="small"
      value={language}
      aria-label={t('app.language')}
      onChange={(next) => void i18n.changeLanguage(next)}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
      data-testid="language-switch"
    />
  );
}
