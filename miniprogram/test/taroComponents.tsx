/**
 * Jest stand-ins for @tarojs/components: each maps to the DOM element a browser would render for it, so
 * components can be tested with @testing-library/react in jsdom (test-utils-react does not run on Taro 4.2.1).
 */
import { createElement, type ReactNode } from 'react';

type Props = Record<string, unknown> & { children?: ReactNode; className?: string; onClick?: () => void };

function strip(props: Props) {
  const { hoverClass: _h, loading: _l, showMenuByLongpress: _m, ...rest } = props;
  return rest;
}

export const View = (props: Props) => createElement('div', strip(props));
export const Text = (props: Props) => createElement('span', strip(props));
export const Button = (props: Props) => createElement('button', { type: 'button', ...strip(props) });
export const Image = (props: Props) => createElement('img', strip(props));
export const ScrollView = (props: Props) => createElement('div', strip(props));
export const Input = ({ onInput, ...props }: Props & { onInput?: (e: { detail: { value: string } }) => void }) =>
  createElement('input', { ...strip(props), onChange: (e: { target: { value: string } }) => onInput?.({ detail: { value: e.target.value } }) });
export const Textarea = ({ onInput, ...props }: Props & { onInput?: (e: { detail: { value: string } }) => void }) =>
  createElement('textarea', { ...strip(props), onChange: (e: { target: { value: string } }) => onInput?.({ detail: { value: e.target.value } }) });
export const Picker = ({ range, value, onChange, children, disabled }: Props & { range: string[]; value: number; onChange: (e: { detail: { value: number } }) => void; disabled?: boolean }) =>
  createElement(
    'label',
    {},
    children,
    createElement(
      'select',
      { value, disabled, 'data-testid': 'picker', onChange: (e: { target: { value: string } }) => onChange({ detail: { value: Number(e.target.value) } }) },
      range.map((r, i) => createElement('option', { key: i, value: i }, r)),
    ),
  );
