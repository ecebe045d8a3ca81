import type { Question } from '@leeway/contracts';
import { useId } from 'react';

interface ScaleQuestionProps {
  question: Question;
  number: number;
  value: number | undefined;
  onChange: (value: number) => void;
}

const ends: Record<string, [string, string]> = {
  likert: ['Strongly disagree', 'Strongly agree'],
  scale: ['Not at all likely', 'Extremely likely'],
};

function range(question: Question): number[] {
  const min = question.min ?? (question.kind === 'likert' ? 1 : 0);
  const max = question.max ?? (question.kind === 'likert' ? 5 : 10);
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/**
 * One scored question as a native radio group: arrow keys move within it, Tab moves on, and each
 * option is a ≥44 px target. The legend is the question text, so the group is named by it.
 */
export function ScaleQuestion({ question, number, value, onChange }: ScaleQuestionProps) {
  const endsId = useId();
  const values = range(question);
  const [low, high] = ends[question.kind] ?? ends.likert!;
  return (
    <fieldset className="question" aria-describedby={endsId}>
      <legend>
        <span className="question-number" aria-hidden="true">
          {number}
        </span>
        {question.text}
      </legend>
      <div className={values.length > 5 ? 'scale scale-wide' : 'scale'}>
        {values.map((v) => (
          <label className="choice" key={v}>
            <input
              type="radio"
              name={question.id}
              value={v}
              checked={value === v}
              onChange={() => onChange(v)}
            />
            <span>{v}</span>
          </label>
        ))}
      </div>
      <p className="scale-ends" id={endsId}>
        <span>
          {values[0]} = {low}
        </span>
        <span>
          {values[values.length - 1]} = {high}
        </span>
      </p>
    </fieldset>
  );
}
