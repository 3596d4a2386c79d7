import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface AuthCardProps {
  title: string;
  hallName: string | undefined;
  children: ReactNode;
}

/** The centred card the setup and sign-in screens share. */
export function AuthCard({ title, hallName, children }: AuthCardProps) {
  const { t } = useTranslation();
  return (
    <div className="auth-page">
      <div className="auth-brand">
        <span className="brand-mark" aria-hidden>
          帮
        </span>
        <div>
          <Typography.Title level={3} className="auth-brand-name">
            {t('app.name')}
          </Typography.Title>
          {hallName ? <Typography.Text type="secondary">{hallName}</Typography.Text> : null}
        </div>
      </div>
      <Card className="auth-card" title={title}>
        {children}
      </Card>
    </div>
  );
}
