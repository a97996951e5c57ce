import { Component, type ReactNode } from 'react';
import { ErrorBox } from './states.js';

/** A page that throws while rendering shows its error instead of blanking the whole app. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override render(): ReactNode {
    if (this.state.error !== null)
      return <ErrorBox error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}
