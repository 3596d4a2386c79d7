import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Result } from 'antd';

interface ErrorBoundaryProps {
  title: string;
  children: ReactNode;
}

/** A rendering bug shows a plain message instead of a blank page. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('console render failed', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? (
      <Result status="error" title={this.props.title} />
    ) : (
      this.props.children
    );
  }
}
