import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CopilotPanel } from './CopilotPanel';

/** `/copilot`: the question desk without a case. */
export function CopilotScreen() {
  const { t } = useTranslation();
  return (
    <div className="page page-scroll">
      <Card className="page-section copilot-standalone">
        <Typography.Title level={4}>{t('copilot.title')}</Typography.Title>
        <CopilotPanel />
      </Card>
    </div>
  );
}
