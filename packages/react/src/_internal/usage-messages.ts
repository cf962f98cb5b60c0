/**
 * The usage components' strings (`<UsageHistory>`, `<SpendSummary>`, `<SpendChart>`,
 * `<LowBalanceNotice>`, the top-up preview), part of {@link CredytMessages} in every bundled locale.
 * Placeholders in braces are filled in by the components.
 */
export interface CredytUsageMessages {
  /** Accessible name of the usage history. */
  usageHistory: string;
  /** Loading text of the usage history and summary. */
  usageLoading: string;
  /** No usage yet. */
  usageEmpty: string;
  /** The usage could not be loaded. */
  usageError: string;
  /** Button that loads older usage. */
  usageLoadMore: string;
  /** While older usage loads. */
  usageLoadingMore: string;
  /** `{amounts}`: "Spent this month: $12.40 · 1,250,000 TOK". */
  spentThisMonth: string;
  /** Nothing spent this month yet. */
  spentNothing: string;
  /** Accessible name of the spend chart. */
  spendChart: string;
  /** Header of the chart's table alternative: the day. */
  spendChartDay: string;
  /** Header of the chart's table alternative: the amount. */
  spendChartAmount: string;
  /** `{amount}`: the balance is below the notice's threshold. */
  lowBalanceNotice: string;
  /** `{amount}`: the balance is below zero. */
  overdraftNotice: string;
  /** `{units}`: the top-up preview, "You get 10,000,000 tokens". */
  youGet: string;
  /** While the preview is worked out. */
  quoteLoading: string;
  /** The preview could not be worked out. */
  quoteError: string;
}

/** English. */
export const usageEn: CredytUsageMessages = {
  usageHistory: "Usage history",
  usageLoading: "Loading usage…",
  usageEmpty: "No usage yet.",
  usageError: "Could not load your usage.",
  usageLoadMore: "Load more",
  usageLoadingMore: "Loading more…",
  spentThisMonth: "Spent this month: {amounts}",
  spentNothing: "Nothing spent this month yet.",
  spendChart: "Spend per day this month",
  spendChartDay: "Day",
  spendChartAmount: "Spent",
  lowBalanceNotice: "Your balance is low: {amount} left.",
  overdraftNotice: "Your balance is below zero: {amount}.",
  youGet: "You get {units}",
  quoteLoading: "Working out what you get…",
  quoteError: "Could not work out what you get.",
};

/** German. */
export const usageDe: CredytUsageMessages = {
  usageHistory: "Nutzungsverlauf",
  usageLoading: "Nutzung wird geladen…",
  usageEmpty: "Noch keine Nutzung.",
  usageError: "Ihre Nutzung konnte nicht geladen werden.",
  usageLoadMore: "Mehr laden",
  usageLoadingMore: "Wird geladen…",
  spentThisMonth: "Diesen Monat ausgegeben: {amounts}",
  spentNothing: "Diesen Monat noch nichts ausgegeben.",
  spendChart: "Ausgaben pro Tag in diesem Monat",
  spendChartDay: "Tag",
  spendChartAmount: "Ausgegeben",
  lowBalanceNotice: "Ihr Guthaben ist niedrig: noch {amount}.",
  overdraftNotice: "Ihr Guthaben ist im Minus: {amount}.",
  youGet: "Sie erhalten {units}",
  quoteLoading: "Wird berechnet…",
  quoteError: "Der Gegenwert konnte nicht berechnet werden.",
};

/** French. */
export const usageFr: CredytUsageMessages = {
  usageHistory: "Historique d’utilisation",
  usageLoading: "Chargement de l’utilisation…",
  usageEmpty: "Aucune utilisation pour le moment.",
  usageError: "Impossible de charger votre utilisation.",
  usageLoadMore: "Afficher plus",
  usageLoadingMore: "Chargement…",
  spentThisMonth: "Dépensé ce mois-ci : {amounts}",
  spentNothing: "Rien dépensé ce mois-ci pour le moment.",
  spendChart: "Dépenses par jour ce mois-ci",
  spendChartDay: "Jour",
  spendChartAmount: "Dépensé",
  lowBalanceNotice: "Votre solde est faible : il reste {amount}.",
  overdraftNotice: "Votre solde est négatif : {amount}.",
  youGet: "Vous recevez {units}",
  quoteLoading: "Calcul en cours…",
  quoteError: "Impossible de calculer ce que vous recevez.",
};

/** Spanish. */
export const usageEs: CredytUsageMessages = {
  usageHistory: "Historial de uso",
  usageLoading: "Cargando uso…",
  usageEmpty: "Todavía no hay uso.",
  usageError: "No se pudo cargar tu uso.",
  usageLoadMore: "Cargar más",
  usageLoadingMore: "Cargando…",
  spentThisMonth: "Gastado este mes: {amounts}",
  spentNothing: "Todavía no has gastado nada este mes.",
  spendChart: "Gasto por día este mes",
  spendChartDay: "Día",
  spendChartAmount: "Gastado",
  lowBalanceNotice: "Tu saldo es bajo: quedan {amount}.",
  overdraftNotice: "Tu saldo es negativo: {amount}.",
  youGet: "Recibes {units}",
  quoteLoading: "Calculando…",
  quoteError: "No se pudo calcular lo que recibes.",
};

/** Japanese. */
export const usageJa: CredytUsageMessages = {
  usageHistory: "利用履歴",
  usageLoading: "利用履歴を読み込み中…",
  usageEmpty: "まだ利用はありません。",
  usageError: "利用履歴を読み込めませんでした。",
  usageLoadMore: "さらに表示",
  usageLoadingMore: "読み込み中…",
  spentThisMonth: "今月の利用額: {amounts}",
  spentNothing: "今月の利用はまだありません。",
  spendChart: "今月の日別利用額",
  spendChartDay: "日付",
  spendChartAmount: "利用額",
  lowBalanceNotice: "残高が少なくなっています: 残り {amount}",
  overdraftNotice: "残高がマイナスです: {amount}",
  youGet: "{units} を受け取れます",
  quoteLoading: "計算中…",
  quoteError: "受け取れる数量を計算できませんでした。",
};
