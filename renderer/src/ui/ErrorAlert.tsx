import { Alert } from 'antd';
import { errorMessage } from './api-error';
import { useLanguage } from './use-language';

interface ErrorAlertProps {
  /** A rejection from the engine, or a message already in the current language. */
  error: unknown;
  testId?: string;
}

/** One failed call, said plainly in the current language. */
export function ErrorAlert({ error, testId }: ErrorAlertProps) {
  const language = useLanguage();
  if (error === undefined || error === null) return null;
  const text = typeof error === 'string' ? error : errorMessage(error, language);
  return <Alert type="error" showIcon title={text} data-testid={testId} role="alert" />;
}
