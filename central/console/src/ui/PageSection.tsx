import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';

interface PageSectionProps {
  title: string;
  subtitle?: ReactNode;
  /** Buttons and filters at the right of the title. */
  extra?: ReactNode;
  testId?: string;
  children: ReactNode;
}

/** One card of a page: a heading, what it is for, its tools and its content. */
export function PageSection({ title, subtitle, extra, testId, children }: PageSectionProps) {
  return (
    <Card className="page-section" data-testid={testId}>
      <div className="page-toolbar">
        <Typography.Title level={4} className="page-title">
          {title}
        </Typography.Title>
        <span className="page-toolbar-spacer" />
        {extra}
      </div>
      {subtitle ? (
        <Typography.Paragraph type="secondary" className="page-subtitle">
          {subtitle}
        </Typography.Paragraph>
      ) : null}
      {children}
    </Card>
  );
}
