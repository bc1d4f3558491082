import ui from './ui.module.css';

const LIMITS = [50, 100, 200, 500] as const;

/** How many entries a log shows at first. */
export const DEFAULT_LIMIT: number = 100;

/** How many of a log's newest entries to show: "Show last 100". */
export function LimitSelect({ value, onChange }: { value: number; onChange(limit: number): void }) {
  return (
    <label className={ui.toolbar}>
      Show
      <select className={ui.input} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {LIMITS.map((n) => (
          <option key={n} value={n}>
            last {n}
          </option>
        ))}
      </select>
    </label>
  );
}
