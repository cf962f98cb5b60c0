import { clsx } from "clsx";
import { forwardRef, type HTMLAttributes, lazy, memo, Suspense } from "react";
import { withVariables } from "./context";
import type { SpendChartPart } from "./spend-chart-part";
import { useUsageContext } from "./usage-context";
import { useUsageSummary } from "./use-usage-summary";

// The chart is its own chunk, fetched when a chart first renders: pages without one pay nothing for it.
const SpendChartView = /* @__PURE__ */ lazy(() =>
  import("./spend-chart-view").then((m) => ({ default: m.SpendChartView })),
);

export type { SpendChartPart };

/** `data-state` of the root: `loading`, `ready`, `empty` (nothing spent in `asset`) or `error`. */
export type SpendChartState = "loading" | "ready" | "empty" | "error";

/** Props of {@link SpendChart}. */
export interface SpendChartProps extends Omit<HTMLAttributes<HTMLElement>, "children"> {
  /** The asset charted. @default the first asset spent this month */
  asset?: string;
  /** IANA time zone the month and its days are counted in. @default the browser's time zone */
  tz?: string;
  /** Class names per part (`root` merged with `className`). */
  classNames?: Partial<Record<SpendChartPart, string>>;
}

/**
 * This month's spend per day as an accessible bar chart: the whole month laid out (future days empty),
 * a value scale, a date axis with today marked, and a readout of one day's figure (today's, or the day
 * pointed at). The days are one tab stop, moved between with the arrow keys, and the same figures are
 * in a table for screen readers. A view over {@link useUsageSummary}; the drawing code loads lazily.
 */
/** The chart's loading state: one bone the size of the plot (the same skeleton language as the balance's). */
function Skeleton(props: { className: string | undefined; text: string }) {
  return (
    <div data-credyt="spend-chart-skeleton" className={props.className}>
      <span data-credyt="skeleton-bone">{props.text}</span>
    </div>
  );
}

/**
 * This month's spend per day for one asset: the whole month laid out, a value scale, a date axis with today
 * marked and a readout, one tab stop with arrow keys between days, and a table for screen readers.
 */
export const SpendChart = /* @__PURE__ */ memo(
  /* @__PURE__ */ forwardRef<HTMLElement, SpendChartProps>(function SpendChart(props, ref) {
    const { asset, tz, classNames: cn = {}, className, ...rest } = props;
    const ctx = useUsageContext("SpendChart");
    const { u, t, locale, assets } = ctx;
    const { data, error, mutate } = useUsageSummary(tz === undefined ? {} : { tz });
    const charted = asset ?? data?.totals[0]?.asset;
    const hasSpend = charted !== undefined && data?.totals.some((total) => total.asset === charted) === true;
    const state: SpendChartState = data !== undefined ? (hasSpend ? "ready" : "empty") : error ? "error" : "loading";

    return (
      <figure
        ref={ref}
        data-credyt="spend-chart"
        data-state={state}
        aria-busy={state === "loading" ? true : undefined}
        {...ctx.rootProps}
        {...rest}
        style={withVariables(ctx.rootProps.style, rest.style)}
        className={clsx(cn.root, className) || undefined}
      >
        {state === "loading" && <Skeleton className={cn.skeleton} text={u.usageLoading} />}
        {state === "empty" && (
          <p data-credyt="spend-chart-empty" className={cn.empty}>
            {u.spentNothing}
          </p>
        )}
        {state === "error" && (
          <p data-credyt="spend-chart-error" role="alert" className={cn.error}>
            {u.usageError}{" "}
            <button type="button" data-credyt="spend-chart-retry" className={cn.retry} onClick={() => void mutate()}>
              {t.retry}
            </button>
          </p>
        )}
        {state === "ready" && data && charted !== undefined && (
          <Suspense fallback={<Skeleton className={cn.skeleton} text={u.usageLoading} />}>
            <SpendChartView summary={data} asset={charted} locale={locale} assets={assets} u={u} classNames={cn} />
          </Suspense>
        )}
      </figure>
    );
  }),
);
