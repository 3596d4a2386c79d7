import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorPathText, errorText, toCallError } from './call-error';
import { useConsoleLanguage } from './use-console-language';

interface ErrorAlertProps {
  error: unknown;
  /** What was being done, e.g. "未能发布 a.yaml"; the hub's message follows. */
  title?: string;
  testId?: string;
}

/** A failed call as the hub typed it: its message in the current language, code and path. */
export function ErrorAlert({ error, title, testId }: ErrorAlertProps) {
  const { t } = useTranslation();
  const language = useConsoleLanguage();
  if (error === undefined || error === null) return null;
  const typed = toCallError(error);
  const message = errorText(typed, language);
  const path = errorPathText(typed.path);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid={testId}
      data-code={typed.code}
      title={title ?? message}
      description={
        <div className="error-detail">
          {title ? (
            <div data-testid={testId ? `${testId}-message` : undefined}>{message}</div>
          ) : null}
          <Typography.Text type="secondary">
            {t('common.errorCode')}：<span className="mono">{typed.code}</span>
            {path ? (
              <>
                {'　'}
                {t('common.errorPath')}：
                <span className="mono" data-testid={testId ? `${testId}-path` : undefined}>
                  {path}
                </span>
              </>
            ) : null}
          </Typography.Text>
        </div>
      }
    />
  );
}
