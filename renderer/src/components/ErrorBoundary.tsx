/**
 * Catches a screen that fails to render and shows a message in the user's language with a way
 * back, instead of a blank window or a stack trace.
 */
import { Component, type ReactNode } from 'react';
import { EmptyState } from './ui';

interface Props {
  title: string;
  retryLabel: string;
  resetKey: unknown;
  children: ReactNode;
}
interface State {
  error: Error | null;
  key: unknown;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    // switching screens (or scenarios) clears the error
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override render() {
    if (this.state.error) {
      const first = (this.state.error.message || String(this.state.error)).split('\n')[0].slice(0, 200);
      return (
        <EmptyState
          icon="warning"
          title={this.props.title}
          action={
            <button className="btn btn-primary" onClick={() => this.setState({ error: null })}>
              {this.props.retryLabel}
            </button>
          }
        >
          {first}
        </EmptyState>
      );
    }
    return this.props.children;
  }
}
