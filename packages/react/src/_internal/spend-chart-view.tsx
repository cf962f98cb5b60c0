import { type AssetDisplay, formatAmount, type UsageSummary } from "@credyt/core";
import { type CSSProperties, type KeyboardEvent, useRef, useState } from "react";
import type { SpendChartPart } from "./spend-chart-part";
import type { CredytUsageMessages } from "./usage-messages";

/** What the lazy chart chunk needs: the data and the words; everything else stays in the main bundle. */
export interface SpendChartViewProps {
  summary: UsageSummary;
  asset: string;
  locale: string | undefined;
  assets: Record<string, AssetDisplay> | undefined;
  u: CredytUsageMessages;
  classNames: Partial<Record<SpendChartPart, string>>;
}

interface Day {
  date: string;
  amount: number;
  label: string;
  text: string;
}

const STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** A round top for the scale (a step of 1–10 times a power of ten): a picture's range, never a sum of money. */
function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = STEPS.find((s) => s * power >= max * (1 - 1e-9)) ?? 10;
  return step * power;
}

/** Days in the month of an ISO date (`2026-11-20` → 30). */
function daysInMonth(date: string): number {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Every date of the month of `first` (`YYYY-MM-01`), as ISO dates. */
function monthDates(first: string, month: number): string[] {
  return Array.from({ length: month }, (_, i) => `${first.slice(0, 8)}${String(i + 1).padStart(2, "0")}`);
}

const KEYS: Record<string, (i: number, last: number) => number> = {
  ArrowLeft: (i) => i - 1,
  ArrowDown: (i) => i - 1,
  ArrowRight: (i) => i + 1,
  ArrowUp: (i) => i + 1,
  PageUp: (i) => i - 7,
  PageDown: (i) => i + 7,
  Home: () => 0,
  End: (_, last) => last,
};

/**
 * The chart itself, loaded on first render of `<SpendChart>`: the whole month as columns (the days so
 * far with a bar each, the rest empty), a value scale, the date axis with today marked, and a readout
 * that always shows one day's figure (today's, until the customer points at or moves to another day).
 * The days are one tab stop: arrow keys, Page Up/Down (a week), Home and End move between them. The same
 * figures are in a table for screen readers.
 */
export function SpendChartView(props: SpendChartViewProps) {
  const { summary, asset, locale, assets, u, classNames: cn } = props;
  const dayFormat = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" });
  const dayNumber = new Intl.DateTimeFormat(locale, { day: "numeric", timeZone: "UTC" });
  const today = new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(0, "day");
  const format = (amount: number) => formatAmount(amount, asset, { locale, assets });
  const days: Day[] = summary.days.map((day) => {
    const amount = day.totals.find((t) => t.asset === asset)?.amount ?? 0;
    // Noon UTC of the calendar day, formatted in UTC: the date the server named, whatever the viewer's zone.
    const label = dayFormat.format(new Date(`${day.date}T12:00:00Z`));
    return { date: day.date, amount, label, text: format(amount) };
  });
  const last = days.length - 1;
  const first = days[0]?.date ?? summary.from.slice(0, 10);
  const month = daysInMonth(first);
  const top = niceCeiling(Math.max(0, ...days.map((d) => d.amount)));

  const [selected, setSelected] = useState(last);
  const [hovered, setHovered] = useState<number | null>(null);
  const refs = useRef<(HTMLDivElement | null)[]>([]);
  const current = Math.min(selected, last);
  const shown = days[hovered ?? current];

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = KEYS[event.key];
    if (!move) return;
    event.preventDefault();
    const next = Math.max(0, Math.min(last, move(current, last)));
    setSelected(next);
    setHovered(null);
    refs.current[next]?.focus();
  };

  // Axis ticks each week from the 1st, and today; a weekly tick too close to today's label gives way.
  const ticks = [1, 8, 15, 22, 29].filter((d) => d <= month && Math.abs(d - (last + 1)) > 2);

  return (
    <>
      <figcaption data-credyt="spend-chart-readout" className={cn.readout}>
        <span data-credyt="spend-chart-readout-day">
          {shown ? (shown === days[last] ? `${shown.label} · ${today}` : shown.label) : u.spendChart}
        </span>
        <span data-credyt="spend-chart-readout-amount">{shown?.text}</span>
      </figcaption>
      <div
        data-credyt="spend-chart-plot"
        className={cn.plot}
        style={{ "--credyt-days": month } as CSSProperties}
        aria-hidden={days.length === 0 || undefined}
      >
        <div data-credyt="spend-chart-scale" className={cn.scale} aria-hidden="true">
          <span>{format(top)}</span>
          <span>{format(top / 2)}</span>
          <span>{format(0)}</span>
        </div>
        {/* biome-ignore lint/a11y/useSemanticElements: a group of day pictures has no HTML element of its own. */}
        <div
          data-credyt="spend-chart-bars"
          className={cn.bars}
          role="group"
          aria-label={u.spendChart}
          onKeyDown={onKeyDown}
          onMouseLeave={() => setHovered(null)}
        >
          {monthDates(first, month).map((date, i) => {
            const day = days[i];
            if (!day) return <div key={date} data-credyt="spend-chart-day" data-state="future" />;
            const height = day.amount > 0 ? `max(2px, ${((day.amount / top) * 100).toFixed(2)}%)` : "0";
            // A day is a picture with a name (role img) that takes focus: one tab stop for all (roving tabindex).
            return (
              <div
                key={date}
                ref={(element) => {
                  refs.current[i] = element;
                }}
                data-credyt="spend-chart-day"
                data-state={i === last ? "today" : "past"}
                data-active={(hovered ?? current) === i ? "" : undefined}
                className={cn.day}
                role="img"
                aria-label={`${day.label}: ${day.text}`}
                tabIndex={i === current ? 0 : -1}
                onMouseEnter={() => setHovered(i)}
                onFocus={() => setSelected(i)}
              >
                <span data-credyt="spend-chart-bar" className={cn.bar} style={{ height }} />
              </div>
            );
          })}
        </div>
        <div data-credyt="spend-chart-axis" className={cn.axis} aria-hidden="true">
          {ticks.map((d) => (
            <span
              key={d}
              data-credyt="spend-chart-tick"
              style={d === 1 ? { gridColumn: 1, justifySelf: "start" } : { gridColumn: d }}
            >
              {d === 1 ? dayFormat.format(new Date(`${first.slice(0, 8)}01T12:00:00Z`)) : d}
            </span>
          ))}
          {days[last] && (
            <span data-credyt="spend-chart-tick" data-state="today" style={{ gridColumn: last + 1 }}>
              {last === 0 ? days[last].label : dayNumber.format(new Date(`${days[last].date}T12:00:00Z`))}
            </span>
          )}
        </div>
      </div>
      <table data-credyt="spend-chart-table" className={cn.table}>
        <caption>{u.spendChart}</caption>
        <thead>
          <tr>
            <th scope="col">{u.spendChartDay}</th>
            <th scope="col">{u.spendChartAmount}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.date}>
              <th scope="row">{day.label}</th>
              <td>{day.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
