import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result } from 'antd';

interface ErrorBoundaryProps {
  title: string;
  retryLabel: string;
  children: ReactNode;
}

interface ErrorBoundaryState {
  error: Error | undefined;
}

/** Keeps one broken screen from blanking the whole window; "retry" renders it again. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: undefined };

  static getDerivedStateFromError(error: Error): ErrorBoundaryState {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('screen crashed', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Result
        status="error"
        title={this.props.title}
        subTitle={this.state.error.message}
        extra={
          <Button
            type="primary"
            onClick={() => {
              this.setState({ error: undefined });
            }}
          >
            {this.props.retryLabel}
          </Button>
        }
      />
    );
  }
}
