// Its own module so that the chart (which lazily loads its view) and the view share it without importing
// each other: the type is public, re-exported by spend-chart.tsx.
/** Parts of `<SpendChart>` that take a class name (each carries `data-credyt="spend-chart-<part>"`; `root` is the chart). */
export type SpendChartPart =
  | "root"
  | "readout"
  | "plot"
  | "scale"
  | "bars"
  | "day"
  | "bar"
  | "axis"
  | "table"
  | "skeleton"
  | "empty"
  | "error"
  | "retry";
