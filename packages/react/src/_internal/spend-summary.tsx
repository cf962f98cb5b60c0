import { formatAmount } from "@credyt/core";
import { clsx } from "clsx";
import { forwardRef, type HTMLAttributes, memo } from "react";
import { fill, withVariables } from "./context";
import { useUsageContext } from "./usage-context";
import { useUsageSummary } from "./use-usage-summary";

/** `data-state` of `<SpendSummary>`: `loading`, `ready`, `empty` (nothing spent this month) or `error`. */
export type SpendSummaryState = "loading" | "ready" | "empty" | "error";

/** Props of {@link SpendSummary}. */
export interface SpendSummaryProps extends Omit<HTMLAttributes<HTMLParagraphElement>, "children"> {
  /** IANA time zone the month is counted in. @default the browser's time zone */
  tz?: string;
  /**
   * Which asset's spend to show (`"USD"`), or several in this order (`["USD", "TOK"]`), as `<SpendChart asset>`
   * names what it charts. @default every asset spent, as the server sorts them
   */
  asset?: string | readonly string[];
  /** Class names per part (`root` merged with `className`). */
  classNames?: Partial<Record<SpendSummaryPart, string>>;
}

/** Parts of `<SpendSummary>` that take a class name (`data-credyt="spend-summary-<part>"`). */
export type SpendSummaryPart = "root" | "error" | "retry";

/**
 * "Spent this month: $12.40 · 1,250,000 TOK": this calendar month's spend per asset, a view over
 * {@link useUsageSummary}. Updates are announced (`aria-live`).
 */
export const SpendSummary = /* @__PURE__ */ memo(
  /* @__PURE__ */ forwardRef<HTMLParagraphElement, SpendSummaryProps>(function SpendSummary(props, ref) {
    const { tz, asset, classNames: cn = {}, className, ...rest } = props;
    const only = asset === undefined ? undefined : typeof asset === "string" ? [asset] : asset;
    const ctx = useUsageContext("SpendSummary");
    const { u, t, locale, assets } = ctx;
    const { data, error, mutate } = useUsageSummary(tz === undefined ? {} : { tz });
    const totals = data
      ? only
        ? only.flatMap((code) => data.totals.filter((total) => total.asset.toUpperCase() === code.toUpperCase()))
        : data.totals
      : [];
    const state: SpendSummaryState =
      data !== undefined ? (totals.length > 0 ? "ready" : "empty") : error ? "error" : "loading";
    const amounts = totals.map((total) => formatAmount(total.amount, total.asset, { locale, assets })).join(" · ");

    return (
      <p
        ref={ref}
        data-credyt="spend-summary"
        data-state={state}
        aria-live="polite"
        aria-busy={state === "loading" ? true : undefined}
        {...ctx.rootProps}
        {...rest}
        style={withVariables(ctx.rootProps.style, rest.style)}
        className={clsx(cn.root, className) || undefined}
      >
        {state === "loading" && <span data-credyt="spend-summary-skeleton">{u.usageLoading}</span>}
        {state === "empty" && u.spentNothing}
        {state === "ready" && fill(u.spentThisMonth, { amounts })}
        {state === "error" && (
          <>
            <span data-credyt="spend-summary-error" className={cn.error}>
              {u.usageError}
            </span>{" "}
            <button type="button" data-credyt="spend-summary-retry" className={cn.retry} onClick={() => void mutate()}>
              {t.retry}
            </button>
          </>
        )}
      </p>
    );
  }),
);
