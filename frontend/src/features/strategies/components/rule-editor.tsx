import { useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import type { RuleError } from '../api/validate-strategy';
import { errorLines, highlight, offsetOf } from './rule-source';

export type RuleEditorHandle = { goTo: (line: number, column: number) => void };

/**
 * A plain textarea over its own highlighted copy: what is typed stays a native text field (undo,
 * selection, screen readers, phones' keyboards), the colours and the error marks are drawn beneath it.
 */
export function RuleEditor({ value, onChange, errors, describedBy, ref }: {
  value: string;
  onChange: (source: string) => void;
  errors: readonly RuleError[];
  describedBy?: string;
  ref?: Ref<RuleEditorHandle>;
}) {
  const input = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(ref, () => ({
    goTo(line, column) {
      const el = input.current;
      if (!el) return;
      const at = offsetOf(el.value, line, column);
      el.focus();
      el.setSelectionRange(at, at);
    },
  }), []);
  const segments = useMemo(() => highlight(value, errors), [value, errors]);
  const lines = value.split('\n');
  const bad = errorLines(errors);
  const widest = Math.max(...lines.map((l) => l.length), 20);
  // Every line is shown: the editor grows with the source and only scrolls sideways.
  const height = (lines.length + 1) * 20 + 16;
  return (
    <div className="tb-editor" {...(errors.length > 0 ? { 'data-invalid': true } : {})}>
      <div className="tb-editor-gutter" aria-hidden="true">
        {lines.map((_, i) => (
          <div key={i} className={bad.has(i + 1) ? 'tb-editor-bad' : undefined}>{bad.has(i + 1) ? `! ${i + 1}` : i + 1}</div>
        ))}
      </div>
      <div className="tb-editor-scroll">
        <div className="tb-editor-box" style={{ width: `calc(${widest + 2}ch + 20px)`, height }}>
          <pre className="tb-editor-code" aria-hidden="true" style={{ height }}>
            {segments.map((s, i) => (
              <span key={i} className={[s.kind === 'plain' || s.kind === 'name' ? '' : `tb-tok-${s.kind}`, s.error ? 'tb-tok-error' : '']
                .filter(Boolean).join(' ') || undefined}>{s.text}</span>
            ))}
            {'\n'}
          </pre>
          <textarea ref={input} className="tb-editor-input" value={value} spellCheck={false} autoCapitalize="off"
            autoComplete="off" autoCorrect="off" wrap="off" aria-label="Strategy source"
            aria-invalid={errors.length > 0} {...(describedBy ? { 'aria-describedby': describedBy } : {})}
            onChange={(e) => onChange(e.currentTarget.value)}
            onKeyDown={(e) => {
              // Tab indents rather than leaving the editor; Escape then Tab leaves it.
              if (e.key === 'Tab' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && e.currentTarget.dataset.escaped !== 'true') {
                e.preventDefault();
                const el = e.currentTarget;
                const { selectionStart: start, selectionEnd: end } = el;
                onChange(`${el.value.slice(0, start)}  ${el.value.slice(end)}`);
                requestAnimationFrame(() => el.setSelectionRange(start + 2, start + 2));
              }
              e.currentTarget.dataset.escaped = e.key === 'Escape' ? 'true' : 'false';
            }} />
        </div>
      </div>
    </div>
  );
}
