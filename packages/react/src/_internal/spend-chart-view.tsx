import { type AssetDisplay, formatAmount, type UsageSummary } from "@credyt/core";
import { useId, useState } from "react";
import type { CredytUsageMessages } from "./usage-messages";

/** What the lazy chart chunk needs: the data and the words; everything else stays in the main bundle. */
export interface SpendChartViewProps {
  summary: UsageSummary;
  asset: string;
  locale: string | undefined;
  assets: Record<string, AssetDisplay> | undefined;
  u: CredytUsageMessages;
  classNames: Partial<Record<"svg" | "bar" | "tooltip" | "table", string>>;
}

const BAR = 10;
const GAP = 3;
const HEIGHT = 80;

/**
 * The chart itself, loaded on first render of `<SpendChart>`: one SVG bar per day (focusable, each with
 * its own accessible name), a tooltip on hover and focus, and the same data as a table for screen readers.
 */
export function SpendChartView(props: SpendChartViewProps) {
  const { summary, asset, locale, assets, u, classNames: cn } = props;
  const [active, setActive] = useState<number | null>(null);
  const tooltipId = useId();
  const dayFormat = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" });
  const rows = summary.days.map((day) => {
    const amount = day.totals.find((t) => t.asset === asset)?.amount ?? 0;
    // Noon UTC of the calendar day, formatted in UTC: the date the server named, whatever the viewer's zone.
    const label = dayFormat.format(new Date(`${day.date}T12:00:00Z`));
    return { date: day.date, amount, label, text: formatAmount(amount, asset, { locale, assets }) };
  });
  // Bar heights only: a picture of the amounts, never a sum shown as money.
  const max = Math.max(0, ...rows.map((r) => r.amount));
  const width = Math.max(1, rows.length) * (BAR + GAP);
  const shown = active === null ? undefined : rows[active];

  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG chart cannot be a fieldset; the group names the bars inside it. */}
      <svg
        data-credyt="spend-chart-svg"
        className={cn.svg}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="group"
        aria-label={u.spendChart}
        onMouseLeave={() => setActive(null)}
      >
        {rows.map((row, i) => {
          const h = max > 0 && row.amount > 0 ? Math.max(2, (row.amount / max) * (HEIGHT - 2)) : 0;
          return (
            // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a bar is a picture with a name (role img) that takes focus so its tooltip shows on focus as on hover.
            <g
              key={row.date}
              data-credyt="spend-chart-bar"
              data-state={active === i ? "active" : "idle"}
              className={cn.bar}
              tabIndex={0}
              role="img"
              aria-label={`${row.label}: ${row.text}`}
              aria-describedby={active === i ? tooltipId : undefined}
              onMouseEnter={() => setActive(i)}
              onFocus={() => setActive(i)}
              onBlur={() => setActive(null)}
            >
              {/* A full-height hit area, so a day without spend can still be hovered. */}
              <rect x={i * (BAR + GAP)} y={0} width={BAR + GAP} height={HEIGHT} fill="transparent" />
              <rect x={i * (BAR + GAP)} y={HEIGHT - h} width={BAR} height={h} />
            </g>
          );
        })}
      </svg>
      {shown && active !== null && (
        <div
          id={tooltipId}
          data-credyt="spend-chart-tooltip"
          role="tooltip"
          className={cn.tooltip}
          style={{ left: `${((active + 0.5) / rows.length) * 100}%` }}
        >
          {shown.label}: {shown.text}
        </div>
      )}
      <table data-credyt="spend-chart-table" className={cn.table}>
        <caption>{u.spendChart}</caption>
        <thead>
          <tr>
            <th scope="col">{u.spendChartDay}</th>
            <th scope="col">{u.spendChartAmount}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.date}>
              <th scope="row">{row.label}</th>
              <td>{row.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
