import { formatAmount, type UsageEvent } from "@credyt/core";
import { clsx } from "clsx";
import {
  forwardRef,
  type HTMLAttributes,
  memo,
  type ReactNode,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { withVariables } from "./context";
import { useUsageContext } from "./usage-context";
import { type UseUsageResult, useUsage } from "./use-usage";

/** Parts of `<UsageHistory>` that take a class name (each carries `data-credyt="usage-<part>"`). */
export type UsageHistoryPart =
  | "root"
  | "days"
  | "day"
  | "heading"
  | "list"
  | "item"
  | "time"
  | "what"
  | "details"
  | "subject"
  | "product"
  | "amounts"
  | "amount"
  | "skeleton"
  | "empty"
  | "error"
  | "retry"
  | "more";

/** `data-state` of the root: `loading`, `ready`, `empty` (no usage) or `error` (nothing could be loaded). */
export type UsageHistoryState = "loading" | "ready" | "empty" | "error";

/** Props of {@link UsageHistory}. */
export interface UsageHistoryProps extends Omit<HTMLAttributes<HTMLElement>, "children"> {
  /** Events per page (and per "Load more"), 1-100. @default 20 */
  limit?: number;
  /** What an event is called. @default the provider's `eventLabels[eventType]`, else its `description`, else its type made readable */
  label?: (event: UsageEvent) => ReactNode;
  /** Class names per part. */
  classNames?: Partial<Record<UsageHistoryPart, string>>;
}

/** `video_promoted`, `video-promoted` or `videoPromoted` → "Video promoted". */
function humanise(type: string): string {
  const words = type
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_\-.\s]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An event's name: the app's label for its type, else Credyt's description, else its type made readable. */
function eventLabel(event: UsageEvent, labels: Record<string, string> | undefined): string {
  return (
    (labels && Object.hasOwn(labels, event.eventType) ? labels[event.eventType] : undefined) ??
    event.description ??
    humanise(event.eventType)
  );
}

/** The products an event was charged for, each once: the app's label for its code, else the code made readable. */
function productNames(event: UsageEvent, labels: Record<string, string> | undefined): string[] {
  const names = new Set<string>();
  for (const fee of event.fees) {
    const code = fee.productCode;
    if (code) names.add((labels && Object.hasOwn(labels, code) ? labels[code] : undefined) ?? humanise(code));
  }
  return [...names];
}

/** Local calendar day of an instant, as a grouping key. */
function dayKey(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

/** Events grouped by local day, newest day first (the events arrive newest first). */
function byDay(events: UsageEvent[]): { key: string; date: Date; events: UsageEvent[] }[] {
  const groups: { key: string; date: Date; events: UsageEvent[] }[] = [];
  for (const event of events) {
    const date = new Date(event.occurredAt);
    const key = dayKey(date);
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.events.push(event);
    else groups.push({ key, date, events: [event] });
  }
  return groups;
}

function stateOf(usage: UseUsageResult): UsageHistoryState {
  if (usage.events.length > 0) return "ready";
  if (usage.error) return "error";
  return usage.data === undefined ? "loading" : "empty";
}

/**
 * The customer's recent charges, grouped by day: when, what, for which subject and how much per asset,
 * newest first, with "Load more", empty and error states. A view over {@link useUsage}; days far off
 * screen skip layout and paint (`content-visibility` in styles.css), so a long history scrolls smoothly.
 */
export const UsageHistory = /* @__PURE__ */ memo(
  /* @__PURE__ */ forwardRef<HTMLElement, UsageHistoryProps>(function UsageHistory(props, ref) {
    const { limit, label, classNames: cn = {}, className, ...rest } = props;
    const ctx = useUsageContext("UsageHistory");
    const { u, t, locale, assets } = ctx;
    const usage = useUsage(limit === undefined ? {} : { limit });
    const state = stateOf(usage);
    const groups = useMemo(() => byDay(usage.events), [usage.events]);
    const formats = useMemo(
      () => ({
        day: new Intl.DateTimeFormat(locale, { dateStyle: "medium" }),
        time: new Intl.DateTimeFormat(locale, { timeStyle: "short" }),
      }),
      [locale],
    );
    const retry = () => void usage.mutate();
    // "Load more": once the next page is in, focus moves to its first row (the button may go away with
    // the last page, and focus must never drop to the body).
    const own = useRef<HTMLElement | null>(null);
    const [focusRow, setFocusRow] = useState<number | undefined>(undefined);
    const count = usage.events.length;
    useEffect(() => {
      if (focusRow === undefined || count <= focusRow) return;
      own.current?.querySelectorAll<HTMLElement>('[data-credyt="usage-item"]')[focusRow]?.focus();
      setFocusRow(undefined);
    }, [focusRow, count]);
    const setRef = useCallback(
      (node: HTMLElement | null) => {
        own.current = node;
        if (typeof ref === "function") ref(node);
        else if (ref) ref.current = node;
      },
      [ref],
    );

    return (
      <section
        ref={setRef}
        data-credyt="usage-history"
        data-state={state}
        aria-label={u.usageHistory}
        aria-busy={state === "loading" || usage.isLoadingMore ? true : undefined}
        {...ctx.rootProps}
        {...rest}
        style={withVariables(ctx.rootProps.style, rest.style)}
        className={clsx(cn.root, className) || undefined}
      >
        {state === "loading" && (
          // The same skeleton language as every loading state: bones in the shape of what is coming.
          <div data-credyt="usage-skeleton" className={cn.skeleton}>
            <span data-credyt="skeleton-bone">{u.usageLoading}</span>
            <span data-credyt="skeleton-bone" aria-hidden="true" />
            <span data-credyt="skeleton-bone" aria-hidden="true" />
          </div>
        )}
        {state === "empty" && (
          <p data-credyt="usage-empty" className={cn.empty}>
            {u.usageEmpty}
          </p>
        )}
        {groups.length > 0 && (
          <ol data-credyt="usage-days" className={cn.days}>
            {groups.map((group) => (
              <li key={group.key} data-credyt="usage-day" className={cn.day}>
                <h3 data-credyt="usage-heading" className={cn.heading}>
                  <time dateTime={group.events[0]?.occurredAt.slice(0, 10)}>{formats.day.format(group.date)}</time>
                </h3>
                <ul data-credyt="usage-list" className={cn.list}>
                  {group.events.map((event) => (
                    <li key={event.id} data-credyt="usage-item" className={cn.item} tabIndex={-1}>
                      <time data-credyt="usage-time" dateTime={event.occurredAt} className={cn.time}>
                        {formats.time.format(new Date(event.occurredAt))}
                      </time>
                      <span data-credyt="usage-what" className={cn.what}>
                        {label ? label(event) : eventLabel(event, ctx.eventLabels)}
                      </span>
                      <UsageDetails subject={event.subject} products={productNames(event, ctx.productLabels)} cn={cn} />
                      <span data-credyt="usage-amounts" className={cn.amounts}>
                        {event.fees.map((fee) => (
                          <span
                            key={`${fee.asset}|${fee.productCode ?? ""}|${fee.amount}`}
                            data-credyt="usage-amount"
                            className={cn.amount}
                          >
                            {formatAmount(fee.amount, fee.asset, { locale, assets })}
                          </span>
                        ))}
                      </span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
        {usage.error && (
          <p data-credyt="usage-error" role="alert" className={cn.error}>
            {usage.error.code === "forbidden" ? t.errorForbidden : u.usageError}{" "}
            <button type="button" data-credyt="usage-retry" className={cn.retry} onClick={retry}>
              {t.retry}
            </button>
          </p>
        )}
        {usage.hasMore && !usage.error && (
          <button
            type="button"
            data-credyt="usage-more"
            data-state={usage.isLoadingMore ? "pending" : "idle"}
            // Not `disabled`: a disabled button loses focus to the body while the page loads.
            aria-disabled={usage.isLoadingMore || undefined}
            className={cn.more}
            onClick={() => {
              if (usage.isLoadingMore) return;
              setFocusRow(count);
              void usage.loadMore();
            }}
          >
            {usage.isLoadingMore ? u.usageLoadingMore : u.usageLoadMore}
          </button>
        )}
      </section>
    );
  }),
);

/** The row's second line: the subject (what was made) and the product it was charged for. */
function UsageDetails(props: {
  subject: string | undefined;
  products: string[];
  cn: Partial<Record<UsageHistoryPart, string>>;
}) {
  const { subject, products, cn } = props;
  if (subject === undefined && products.length === 0) return null;
  return (
    <span data-credyt="usage-details" className={cn.details}>
      {subject !== undefined && (
        <span data-credyt="usage-subject" className={cn.subject}>
          {subject}
        </span>
      )}
      {products.length > 0 && (
        <span data-credyt="usage-product" className={cn.product}>
          {products.join(", ")}
        </span>
      )}
    </span>
  );
}
