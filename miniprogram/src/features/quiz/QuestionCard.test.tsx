import { render, screen, fireEvent } from '@testing-library/react';
import { QuestionCard } from './QuestionCard';
import type { QuizQuestion } from '@contracts/resident';

const single: QuizQuestion = { id: 'q1', type: 'single', stem: '公民在法律面前（  ）。', options: [{ key: 'A', text: '一律平等' }, { key: 'B', text: '有条件平等' }] };
const multiple: QuizQuestion = { ...single, id: 'q2', type: 'multiple', options: [...single.options, { key: 'C', text: '第三项' }] };
const judge: QuizQuestion = { id: 'q3', type: 'judge', stem: '这句话对吗？', options: [] };

describe('QuestionCard', () => {
  it('picks one option for single choice and marks it with ✓, not colour alone', () => {
    const onChange = jest.fn();
    const { rerender } = render(<QuestionCard question={single} index={0} total={10} value={undefined} onChange={onChange} />);
    expect(screen.getByText('第 1 / 10 题 · 单选题')).toBeTruthy();
    fireEvent.click(screen.getByText('B. 有条件平等'));
    expect(onChange).toHaveBeenCalledWith(['B']);
    rerender(<QuestionCard question={single} index={0} total={10} value={['B']} onChange={onChange} />);
    const options = screen.getAllByTestId('option');
    expect(options[1].getAttribute('aria-checked')).toBe('true');
    expect(options[1].textContent).toContain('✓');
    expect(options[0].textContent).not.toContain('✓');
  });
  it('toggles options for multiple choice', () => {
    const onChange = jest.fn();
    render(<QuestionCard question={multiple} index={1} total={10} value={['A', 'C']} onChange={onChange} />);
    fireEvent.click(screen.getByText('A. 一律平等'));
    expect(onChange).toHaveBeenLastCalledWith(['C']);
    fireEvent.click(screen.getByText('B. 有条件平等'));
    expect(onChange).toHaveBeenLastCalledWith(['A', 'B', 'C']);
  });
  it('offers 正确 / 错误 for true-false questions', () => {
    const onChange = jest.fn();
    render(<QuestionCard question={judge} index={2} total={10} value={undefined} onChange={onChange} />);
    fireEvent.click(screen.getByText('错误'));
    expect(onChange).toHaveBeenCalledWith(false);
  });
  it('ignores taps while the answers are being submitted', () => {
    const onChange = jest.fn();
    render(<QuestionCard question={single} index={0} total={1} value={undefined} onChange={onChange} disabled />);
    fireEvent.click(screen.getByText('A. 一律平等'));
    expect(onChange).not.toHaveBeenCalled();
  });
});
